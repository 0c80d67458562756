// go-for-ts:go 1.21
package jobs

import (
	"fmt"
	"sync"
	"testing"

	"golang.org/x/sync/errgroup"
)

type Job struct{ ID int }

func run(Job) error { return nil }

func goroutines(jobs []Job) {
	var wg sync.WaitGroup
	for i, job := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fmt.Println(i) // want `Loop variable i is shared by all iterations before Go 1.22, and this goroutine may run after the loop has moved on`
			run(job)       // want `Loop variable job is shared.*pass job as an argument or copy it first \(job := job\)`
		}()
	}
	wg.Wait()
}

func passedAsArgument(jobs []Job) {
	for _, job := range jobs {
		go func(j Job) {
			run(j)
		}(job)
	}
}

func copied(jobs []Job) {
	for _, job := range jobs {
		job := job
		go func() {
			run(job)
		}()
	}
}

func shadowedByParameter(jobs []Job) {
	for _, job := range jobs {
		go func(job Job) {
			run(job)
		}(job)
	}
}

func deferred(files []string, closeFile func(string)) {
	for _, name := range files {
		defer func() {
			closeFile(name) // want `this deferred call runs after the loop, when it holds the last value`
		}()
	}
}

func threeClause(n int) {
	for i := 0; i < n; i++ {
		go func() {
			fmt.Println(i) // want `Loop variable i is shared`
		}()
	}
}

func waitedInTheSameIteration(jobs []Job) {
	for _, job := range jobs {
		done := make(chan struct{})
		go func() {
			run(job)
			close(done)
		}()
		<-done
	}
}

func errgroupTasks(jobs []Job) error {
	var g errgroup.Group
	for _, job := range jobs {
		g.Go(func() error {
			return run(job) // want `this errgroup task may run after the loop has moved on`
		})
	}
	return g.Wait()
}

type localGroup struct{}

func (localGroup) Go(f func() error) {}

func notErrgroup(jobs []Job) {
	g := localGroup{}
	for _, job := range jobs {
		g.Go(func() error {
			return run(job)
		})
	}
}

func structKeyIsNotAUse(ids []int) {
	type row struct{ id int }
	for _, id := range ids {
		go func() {
			_ = row{id: 1}
			_ = map[int]int{id: 1} // want `Loop variable id is shared`
		}()
	}
}

func TestParallel(t *testing.T) {
	for _, tc := range []string{"a", "b"} {
		t.Run(tc, func(t *testing.T) {
			fmt.Println(tc)
			t.Parallel()
			fmt.Println(tc) // want `this parallel subtest runs after the loop has moved on`
		})
		t.Run(tc, func(t *testing.T) {
			fmt.Println(tc)
		})
	}
}

func nested(groups [][]Job) {
	for _, group := range groups {
		for _, job := range group {
			go func() {
				run(job)             // want `Loop variable job is shared`
				fmt.Println(group)   // want `Loop variable group is shared`
			}()
		}
	}
}

func innerLoopDeclaresItsOwn(rows [][]int, done chan bool) {
	for i := 0; i < len(rows); i++ {
		go func() {
			for i := range rows[0] {
				_ = i
			}
			done <- true
		}()
	}
}

func notLastInIteration(chunks [][]string, consume func()) {
	for _, chunk := range chunks {
		go func() {
			fmt.Println(chunk)
		}()
		consume() // may wait for the goroutine: not reported, as vet does
	}
}

func deferredAnywhere(names []string, closeFile func(string)) {
	for _, name := range names {
		defer func() {
			closeFile(name) // want `deferred call runs after the loop`
		}()
		fmt.Println("opened", name)
	}
}
