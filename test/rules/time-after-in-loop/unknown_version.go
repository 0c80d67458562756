package worker

import (
	"context"
	"time"
)

func Consume(ctx context.Context, jobs <-chan string) {
	for {
		select {
		case job := <-jobs:
			_ = job
		case <-time.After(30 * time.Second): // want `time.After\(30 \* time.Second\) in a select inside a loop creates a new timer on every iteration, and before Go 1.23 each one stays in memory until it fires`
			return
		case <-ctx.Done():
			return
		}
	}
}

func Ranged(jobs []string, done <-chan struct{}) {
	for range jobs {
		if len(jobs) > 0 {
			select {
			case t := <-time.After(time.Second): // want `creates a new timer on every iteration`
				_ = t
			case <-done:
			}
		}
	}
}

func Suppressed(jobs <-chan string) {
	for {
		select {
		case <-jobs:
		case <-time.After(time.Minute): //nolint:time-after-in-loop // a few iterations at most
			return
		}
	}
}
