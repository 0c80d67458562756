package orders

import (
	"context"
	"fmt"
	"log"
	"os"
	"testing"
	"time"
)

var mode int

// Paths that never come back need no cancel.
func PanicPath(parent context.Context, ok bool) {
	_, cancel := context.WithCancel(parent)
	if !ok {
		panic("not ok")
	}
	cancel()
}

func ExitPaths(parent context.Context) {
	_, cancel := context.WithCancel(parent)
	switch mode {
	case 0:
		os.Exit(1)
	case 1:
		log.Fatalf("mode %d", mode)
	case 2:
		log.Panicln("mode")
	default:
		cancel()
	}
}

func TestPaths(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	if ctx == nil {
		t.Fatal("no context")
	}
	if mode > 3 {
		t.Skip("later")
	}
	if mode > 4 {
		t.FailNow()
	}
	cancel()
}

// A same-file helper that always exits counts as never returning.
func die(format string, args ...any) {
	fmt.Fprintf(os.Stderr, format, args...)
	os.Exit(2)
}

func HelperExit(parent context.Context, ok bool) {
	_, cancel := context.WithCancel(parent)
	if !ok {
		die("not ok")
	}
	cancel()
}

// A helper that may return is an ordinary call.
func warn(msg string) {
	if msg == "" {
		return
	}
	os.Exit(3)
}

func HelperMayReturn(parent context.Context, ok bool) {
	_, cancel := context.WithCancel(parent) // want `the cancel function from context.WithCancel is not called on every path`
	if !ok {
		warn("not ok")
		return
	}
	cancel()
}

// Switch: a case that falls out of the switch without cancelling.
func SwitchLeak(parent context.Context) {
	_, cancel := context.WithCancel(parent) // want `the cancel function from context.WithCancel is not called on every path`
	switch mode {
	case 0:
		cancel()
	case 1:
		fmt.Println("one")
	default:
		cancel()
	}
}

// Switch without default: no case matching falls through to the end.
func SwitchNoDefault(parent context.Context) {
	_, cancel := context.WithCancel(parent) // want `the cancel function from context.WithCancel is not called on every path`
	switch mode {
	case 0, 1:
		cancel()
	case 2:
		defer cancel()
	}
}

// fallthrough carries a case into the next one, which cancels.
func SwitchFallthrough(parent context.Context) {
	_, cancel := context.WithCancel(parent)
	switch mode {
	case 0:
		fmt.Println("zero")
		fallthrough
	case 1:
		cancel()
	default:
		cancel()
	}
}

// A type switch works the same way.
func TypeSwitch(parent context.Context, v any) {
	_, cancel := context.WithCancel(parent) // want `the cancel function from context.WithCancel is not called on every path`
	switch x := v.(type) {
	case int:
		cancel()
	case string:
		fmt.Println(x)
	default:
		cancel()
	}
}

// Select with default: the default case leaks.
func SelectDefault(parent context.Context, ch chan int) {
	_, cancel := context.WithCancel(parent) // want `the cancel function from context.WithCancel is not called on every path`
	select {
	case <-ch:
		cancel()
	default:
	}
}

// Select without default blocks until a case runs; every case cancels.
func SelectBlocking(parent context.Context, ch chan int) {
	_, cancel := context.WithCancel(parent)
	select {
	case <-ch:
		cancel()
	case ch <- 1:
		cancel()
	}
}

// An empty select never completes.
func SelectForever(parent context.Context) {
	_, cancel := context.WithCancel(parent)
	if mode == 0 {
		cancel()
		return
	}
	select {}
}

// An infinite loop without break never reaches the end.
func InfiniteLoop(parent context.Context, work chan int) {
	_, cancel := context.WithCancel(parent)
	if mode == 0 {
		cancel()
		return
	}
	for {
		<-work
	}
}

// ...but a break gets out of it.
func InfiniteLoopWithBreak(parent context.Context, work chan int) {
	_, cancel := context.WithCancel(parent) // want `the cancel function from context.WithCancel is not called on every path`
	if mode == 0 {
		cancel()
		return
	}
	for {
		if <-work == 0 {
			break
		}
	}
}

// A counted loop may run zero times.
func CountedLoop(parent context.Context) {
	_, cancel := context.WithCancel(parent) // want `the cancel function from context.WithCancel is not called on every path`
	for i := 0; i < mode; i++ {
		cancel()
	}
}

func RangeLoop(parent context.Context, items []string) {
	_, cancel := context.WithCancel(parent) // want `the cancel function from context.WithCancel is not called on every path`
	for _, item := range items {
		if item == "" {
			cancel()
		}
	}
}

// Breaking out of a loop before the cancel call.
func BreakBeforeCancel(parent context.Context, items []string) {
	_, cancel := context.WithCancel(parent) // want `the cancel function from context.WithCancel is not called on every path`
	for {
		if len(items) == 0 {
			break
		}
		cancel()
		return
	}
}

// A break inside a switch only leaves the switch; the loop still cancels.
func BreakInSwitch(parent context.Context, items []int) {
	_, cancel := context.WithCancel(parent)
	for {
		switch mode {
		case 0:
			break
		}
		cancel()
		return
	}
}

// A labeled break leaves the loop from inside the switch.
func LabeledBreak(parent context.Context) {
	_, cancel := context.WithCancel(parent) // want `the cancel function from context.WithCancel is not called on every path`
loop:
	for {
		switch mode {
		case 0:
			break loop
		}
		cancel()
		return
	}
}

// continue goes back to the loop head; the exit after the condition leaks.
func ContinueSkipsCancel(parent context.Context, items []string) {
	for _, item := range items {
		_, cancel := context.WithCancel(parent) // want `the cancel function from context.WithCancel is not used on every path: call cancel\(\) or hand it off before each return`
		if item == "" {
			continue
		}
		cancel()
	}
}

// A labeled continue of an outer infinite loop never exits.
func LabeledContinue(parent context.Context, work chan string) {
outer:
	for {
		_, cancel := context.WithCancel(parent)
		for item := range work {
			if item == "" {
				continue outer
			}
		}
		cancel()
	}
}

// goto forward past the cancel call.
func GotoForward(parent context.Context) {
	_, cancel := context.WithCancel(parent) // want `the cancel function from context.WithCancel is not called on every path`
	if mode == 0 {
		goto done
	}
	cancel()
done:
	fmt.Println("done")
}

// goto backward to a label before the call: a retry loop that cancels each time.
func GotoRetry(parent context.Context) {
	attempts := 0
retry:
	_, cancel := context.WithTimeout(parent, time.Second)
	attempts++
	if attempts < 3 {
		cancel()
		goto retry
	}
	cancel()
}

// goto backward to before the cancel call: the path that jumps still cancels.
func GotoBackToCancel(parent context.Context) {
	_, cancel := context.WithCancel(parent)
again:
	if mode == 0 {
		mode++
		goto again
	}
	cancel()
}
