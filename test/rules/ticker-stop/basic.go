// go-for-ts:go 1.21
package poller

import (
	"context"
	"time"
)

type Poller struct{ ticker *time.Ticker }

func stopped(ctx context.Context, poll func()) error {
	ticker := time.NewTicker(time.Second)
	defer ticker.Stop()
	for {
		select {
		case <-ticker.C:
			poll()
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

func neverStopped(ctx context.Context, poll func()) error {
	ticker := time.NewTicker(time.Second) // want `ticker ticker is never stopped.*defer ticker.Stop\(\)`
	for {
		select {
		case <-ticker.C:
			poll()
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

func timerNeverStopped(done <-chan struct{}) bool {
	timeout := time.NewTimer(5 * time.Second) // want `timer timeout is never stopped`
	select {
	case <-done:
		return true
	case <-timeout.C:
		return false
	}
}

func stoppedOnOneBranch(done <-chan struct{}) {
	t := time.NewTimer(time.Second)
	select {
	case <-done:
		if !t.Stop() {
			<-t.C
		}
	case <-t.C:
	}
}

func returned() *time.Ticker {
	t := time.NewTicker(time.Minute)
	return t
}

func stored(p *Poller) {
	t := time.NewTicker(time.Minute)
	p.ticker = t
}

func passed(run func(*time.Ticker)) {
	t := time.NewTicker(time.Minute)
	run(t)
}

func stopAsValue(cleanup *[]func() bool) {
	t := time.NewTimer(time.Minute)
	*cleanup = append(*cleanup, t.Stop)
}

func unstoppable() {
	for range time.NewTicker(time.Second).C { // want `never stored, so it can never be stopped`
	}
}

func tickForever(poll func()) {
	for range time.Tick(time.Second) {
		poll()
	}
}

func tickThenBreak(poll func() bool) {
	for range time.Tick(time.Second) { // want `time.Tick leaks its ticker once unused \(the loop can be left\)`
		if poll() {
			break
		}
	}
}

func tickThenReturn(poll func() bool) {
	for range time.Tick(time.Second) { // want `the loop can be left`
		if poll() {
			return
		}
	}
}

func tickBreakOnlyLeavesSelect(ch <-chan int) {
	for range time.Tick(time.Second) {
		select {
		case <-ch:
			break
		default:
		}
	}
}

func tickPerIteration(ch <-chan int) {
	for {
		select {
		case <-ch:
		case <-time.Tick(time.Second): // want `a new ticker starts on every iteration`
		}
	}
}

func tickStored(ctx context.Context) {
	tick := time.Tick(time.Second) // want `the function can return`
	for {
		select {
		case <-tick:
		case <-ctx.Done():
			return
		}
	}
}

func tickInGoroutine(poll func()) {
	go func() {
		for range time.Tick(time.Second) {
			poll()
		}
	}()
}

func tickRangedForever(report func(time.Time)) {
	c := time.Tick(5 * time.Second)
	for now := range c {
		report(now)
	}
}
