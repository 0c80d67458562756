// go-for-ts:go 1.21
package worker

import "time"

func Poll(ch <-chan int) {
	for {
		select {
		case <-ch:
		case <-time.After(time.Second): // want `this module targets Go 1.21, where each one stays in memory until it fires: create one time.NewTimer before the loop and Reset it`
			return
		}
	}
}
