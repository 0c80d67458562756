package orders

import (
	"context"
	"sync"
	"time"
)

// A cancel created inside a literal must be used before the literal returns.
func Goroutine(parent context.Context, wg *sync.WaitGroup) {
	wg.Add(1)
	go func() {
		defer wg.Done()
		ctx, cancel := context.WithTimeout(parent, time.Second) // want `the cancel function from context.WithTimeout is not called on every path`
		if ctx.Err() != nil {
			return
		}
		cancel()
	}()
}

func GoroutineFine(parent context.Context) {
	go func() {
		ctx, cancel := context.WithTimeout(parent, time.Second)
		defer cancel()
		<-ctx.Done()
	}()
}

// A use inside a literal counts as a use where the literal stands.
func CancelInsideGoroutine(parent context.Context, done <-chan struct{}) context.Context {
	ctx, cancel := context.WithCancel(parent)
	go func() {
		<-done
		cancel()
	}()
	return ctx
}

func CancelInsideDeferredLiteral(parent context.Context) {
	ctx, cancel := context.WithCancel(parent)
	defer func() {
		cancel()
	}()
	_ = ctx
}

// The literal's own return is not the outer function's: the outer one still leaks.
func LiteralReturnIsNotOurs(parent context.Context, ok bool) {
	_, cancel := context.WithCancel(parent) // want `the cancel function from context.WithCancel is not called on every path`
	check := func() bool {
		return ok
	}
	if check() {
		return
	}
	cancel()
}

// A variable of the enclosing function assigned inside a literal: the outer function
// owns it (vet does not check this), so no report here.
func OuterVariable(parent context.Context) {
	var cancel context.CancelFunc
	func() {
		_, cancel = context.WithCancel(parent)
	}()
	cancel()
}

// A literal's parameter that shadows the name is another variable: calling it does
// not cancel ours.
func ShadowedByParameter(parent context.Context, run func(func())) {
	_, cancel := context.WithCancel(parent) // want `the cancel function from context.WithCancel is not used on every path`
	run(func() {})
	apply := func(cancel func()) { cancel() }
	_ = apply
	if parent == nil {
		return
	}
	_ = cancel
}

// Nested literals: each is checked against its own returns.
var nested = func(parent context.Context) func() {
	return func() {
		ctx, cancel := context.WithCancel(parent) // want `the cancel function from context.WithCancel is not called on every path`
		if ctx == nil {
			return
		}
		cancel()
	}
}
