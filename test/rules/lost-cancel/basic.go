package orders

import (
	"context"
	"errors"
	"time"
)

var errNotFound = errors.New("not found")

func load(ctx context.Context, id string) (string, error) { return id, nil }

// The usual shape: deferred right after the call.
func Deferred(ctx context.Context, id string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	return load(ctx, id)
}

// An early return on the error path skips the cancel call at the end.
func EarlyReturn(ctx context.Context, id string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, time.Second) // want `the cancel function from context.WithTimeout is not called on every path: add defer cancel\(\) after this line`
	name, err := load(ctx, id)
	if err != nil {
		return "", err
	}
	cancel()
	return name, nil
}

// Only one branch cancels; the other falls off the end.
func OneBranch(ctx context.Context, fast bool) {
	ctx, stop := context.WithCancel(ctx) // want `the stop function from context.WithCancel is not called on every path: add defer stop\(\) after this line`
	if fast {
		stop()
	}
	_ = ctx
}

// Both branches cancel: fine.
func BothBranches(ctx context.Context, fast bool) {
	ctx, cancel := context.WithCancel(ctx)
	if fast {
		cancel()
	} else {
		_, _ = load(ctx, "x")
		cancel()
	}
}

// else-if chains: the last branch is missing.
func ElseIfChain(ctx context.Context, n int) {
	_, cancel := context.WithDeadline(ctx, time.Now()) // want `the cancel function from context.WithDeadline is not called`
	if n == 0 {
		cancel()
	} else if n == 1 {
		defer cancel()
	} else if n == 2 {
		return
	}
	cancel()
}

// All six constructors.
func AllSix(ctx context.Context) {
	_, c1 := context.WithCancel(ctx)                                   // want `c1 function from context.WithCancel`
	_, c2 := context.WithTimeout(ctx, time.Second)                     // want `c2 function from context.WithTimeout`
	_, c3 := context.WithDeadline(ctx, time.Now())                     // want `c3 function from context.WithDeadline`
	_, c4 := context.WithCancelCause(ctx)                              // want `c4 function from context.WithCancelCause is not called on every path: add defer c4\(nil\)`
	_, c5 := context.WithTimeoutCause(ctx, time.Second, errNotFound)   // want `c5 function from context.WithTimeoutCause is not called on every path: add defer c5\(\)`
	_, c6 := context.WithDeadlineCause(ctx, time.Now(), errNotFound)   // want `c6 function from context.WithDeadlineCause`
	if ctx == nil {
		c1()
		c2()
		c3()
		c4(nil)
		c5()
		c6()
	}
}

// The var form and the plain assignment form are checked like :=.
func VarForm(ctx context.Context, ok bool) {
	var child, cancel = context.WithCancel(ctx) // want `the cancel function from context.WithCancel is not called`
	if ok {
		cancel()
		return
	}
	_ = child
}

func AssignForm(ctx context.Context, ok bool) error {
	var cancel context.CancelFunc
	ctx, cancel = context.WithTimeout(ctx, time.Minute) // want `the cancel function from context.WithTimeout is not called`
	if !ok {
		return errNotFound
	}
	defer cancel()
	_, err := load(ctx, "a")
	return err
}

// A use in a condition counts on both branches.
func UseInCondition(ctx context.Context) {
	_, cancel := context.WithCancel(ctx)
	if cancel != nil {
		return
	}
}

// Never used at all (only compiles because of the blank use below it).
func NeverUsed(ctx context.Context) error {
	_, cancel := context.WithCancel(ctx) // want `the cancel function from context.WithCancel is not used on every path: call cancel\(\) or hand it off before each return`
	if ctx == nil {
		return errNotFound
	}
	_ = cancel
	return nil
}

// Two contexts in a row: each cancel needs its own path check.
func TwoInARow(ctx context.Context) {
	a, cancelA := context.WithCancel(ctx)
	defer cancelA()
	_, cancelB := context.WithTimeout(a, time.Second) // want `the cancelB function from context.WithTimeout`
	if a == nil {
		return
	}
	cancelB()
}

// A leak in a method body.
type Service struct{ timeout time.Duration }

func (s *Service) Run(parent context.Context, fail bool) error {
	ctx, cancel := context.WithTimeout(parent, s.timeout) // want `cancel function from context.WithTimeout is not called`
	if fail {
		return errNotFound
	}
	defer cancel()
	_, err := load(ctx, "x")
	return err
}

// Suppressed on the line of the call.
func Suppressed(ctx context.Context, ok bool) {
	_, cancel := context.WithCancel(ctx) //nolint:lost-cancel // the caller's deadline ends it
	if ok {
		cancel()
	}
}
