// go-for-ts:go 1.23
package poller

import "time"

// Since Go 1.23 the runtime collects tickers nobody references: time.Tick is fine.
func tickThenBreak(poll func() bool) {
	for range time.Tick(time.Second) {
		if poll() {
			break
		}
	}
}

func neverStopped(poll func()) {
	t := time.NewTicker(time.Second) // want `ticker t is never stopped`
	for range t.C {
		poll()
	}
}
