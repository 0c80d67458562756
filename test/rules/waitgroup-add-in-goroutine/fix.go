package crawl

import "sync"

func fetchAll(urls []string, fetch func(string)) {
	var wg sync.WaitGroup
	for _, url := range urls {
		go func(u string) {
			wg.Add(1) // want `wg.Add runs inside the goroutine`
			defer wg.Done()
			fetch(u)
		}(url)
	}
	wg.Wait()
}

func parameterUsed(wg *sync.WaitGroup) {
	go func(w *sync.WaitGroup) {
		w.Add(1) // want `w.Add runs inside the goroutine`
		w.Done()
	}(wg)
}
