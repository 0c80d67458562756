package worker

import (
	"time"

	clock "example.com/fake/time"
)

func Once(ch <-chan int) {
	select {
	case <-ch:
	case <-time.After(time.Second):
	}
}

func Sleep(n int) {
	for i := 0; i < n; i++ {
		<-time.After(time.Millisecond) // fires every time: nothing left behind
	}
}

func Timer(ch <-chan int) {
	t := time.NewTimer(time.Second)
	defer t.Stop()
	for {
		select {
		case <-ch:
			t.Reset(time.Second)
		case <-t.C:
			return
		}
	}
}

func InGoroutine(ch <-chan int) {
	for i := 0; i < 3; i++ {
		go func() {
			select {
			case <-ch:
			case <-time.After(time.Second):
			}
		}()
	}
}

func Fake(ch <-chan int) {
	for {
		select {
		case <-ch:
		case <-clock.After(time.Second):
		}
	}
}

func Send(out chan<- time.Time) {
	for {
		select {
		case out <- time.Now():
		default:
		}
	}
}
