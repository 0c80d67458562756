package crawl

import "sync"

func fetchAll(urls []string, fetch func(string)) {
	var wg sync.WaitGroup
	for _, url := range urls {
		go func(u string) {
			wg.Add(1) // want `wg.Add runs inside the goroutine it counts.*call wg.Add before the go statement`
			defer wg.Done()
			fetch(u)
		}(url)
	}
	wg.Wait()
}

func addedBefore(urls []string, fetch func(string)) {
	var wg sync.WaitGroup
	for _, url := range urls {
		wg.Add(1)
		go func(u string) {
			defer wg.Done()
			fetch(u)
		}(url)
	}
	wg.Wait()
}

// A goroutine that counts the goroutines it starts itself.
func nested(jobs [][]string, run func(string)) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for _, batch := range jobs {
			for _, job := range batch {
				wg.Add(1)
				go func(j string) { defer wg.Done(); run(j) }(job)
			}
		}
	}()
	wg.Wait()
}

type pool struct{ wg sync.WaitGroup }

func (p *pool) start(task func()) {
	go func() {
		p.wg.Add(1) // want `p.wg.Add runs inside the goroutine`
		defer p.wg.Done()
		task()
	}()
}

func passedIn(wg *sync.WaitGroup) {
	go func(group *sync.WaitGroup) {
		group.Add(1) // want `group.Add runs inside the goroutine`
		group.Done()
	}(wg)
}

// Not a WaitGroup: a metrics counter with Add in a file that never mentions WaitGroup is
// in other.go; here Add is not the first statement.
func counted(hits interface{ Add(int) }) {
	go func() {
		work := 1
		hits.Add(work)
	}()
}
