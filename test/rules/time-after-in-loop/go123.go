// go-for-ts:go 1.23
package worker

import "time"

// Go 1.23 collects unreferenced timers: no leak left to report.
func PollNew(ch <-chan int) {
	for {
		select {
		case <-ch:
		case <-time.After(time.Second):
			return
		}
	}
}
