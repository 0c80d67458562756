package poller

import "time"

func poll(done <-chan struct{}, work func()) {
	ticker := time.NewTicker(time.Second) // want `never stopped`
	for {
		select {
		case <-ticker.C:
			work()
		case <-done:
			return
		}
	}
}

func inLoop(n int) {
	for i := 0; i < n; i++ {
		t := time.NewTimer(time.Second) // want `timer t is never stopped`
		<-t.C
	}
}
