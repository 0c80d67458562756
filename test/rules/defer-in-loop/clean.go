package files

import (
	"os"
	"sync"
)

func PerIteration(paths []string) {
	for _, path := range paths {
		func() {
			f, err := os.Open(path)
			if err != nil {
				return
			}
			defer f.Close()
		}()
	}
}

func Goroutines(wg *sync.WaitGroup, n int) {
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
		}()
	}
}

func FirstMatch(paths []string, want string) (*os.File, error) {
	for _, path := range paths {
		if path == want {
			f, err := os.Open(path)
			if err != nil {
				return nil, err
			}
			defer f.Close()
			return f, nil
		}
	}
	return nil, nil
}

func OnceThenBreak(mu *sync.Mutex, items []int) {
	for range items {
		mu.Lock()
		defer mu.Unlock()
		break
	}
}

func LabeledBreak(mu *sync.Mutex, items []int) {
outer:
	for range items {
		select {
		default:
			mu.Lock()
			defer mu.Unlock()
			break outer
		}
	}
}

func Panics(mu *sync.Mutex) {
	for {
		mu.Lock()
		defer mu.Unlock()
		panic("unreachable")
	}
}

func AfterLoop(paths []string) {
	f, _ := os.Open(paths[0])
	defer f.Close()
	for range paths {
	}
}
