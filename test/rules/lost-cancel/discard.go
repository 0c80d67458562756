package orders

import (
	"context"
	"time"
)

func DiscardShort(ctx context.Context) context.Context {
	ctx, _ = context.WithTimeout(ctx, time.Second) // want `the cancel function returned by context.WithTimeout is discarded: assign it to cancel and add defer cancel\(\)`
	return ctx
}

func DiscardDeclare(parent context.Context) {
	ctx, _ := context.WithCancel(parent) // want `returned by context.WithCancel is discarded`
	_ = ctx
}

func DiscardVar(parent context.Context) {
	var ctx, _ = context.WithDeadline(parent, time.Now()) // want `returned by context.WithDeadline is discarded`
	_ = ctx
}

func DiscardCause(parent context.Context) {
	ctx, _ := context.WithCancelCause(parent) // want `returned by context.WithCancelCause is discarded: assign it to cancel and add defer cancel\(nil\)`
	_ = ctx
}

// The suggested name avoids one the function already uses.
func DiscardNameTaken(parent context.Context, cancel func()) {
	defer cancel()
	ctx, _ := context.WithTimeoutCause(parent, time.Second, nil) // want `discarded: assign it to cancel2 and add defer cancel2\(\)`
	_ = ctx
}

func DiscardInInitializer(parent context.Context) {
	if ctx, _ := context.WithDeadlineCause(parent, time.Now(), nil); ctx != nil { // want `returned by context.WithDeadlineCause is discarded`
		return
	}
}

// A function literal at package level is a function like any other.
var handler = func(parent context.Context) {
	_, _ = context.WithCancel(parent) // want `discarded`
}

// Both results unused: nothing to name the context by, still a leak.
func BothDiscarded(parent context.Context) {
	_, _ = context.WithTimeout(parent, time.Second) // want `returned by context.WithTimeout is discarded`
}

// Not a With* call of the context package, or not an assignment vet looks at.
type fakeContext struct{}

func (fakeContext) WithCancel(ctx context.Context) (context.Context, func()) { return ctx, func() {} }

func NotContextPackage(parent context.Context, f fakeContext) {
	ctx, _ := f.WithCancel(parent)
	_ = ctx
}

func keep(ctx context.Context, cancel context.CancelFunc) {}

func PassedDirectly(parent context.Context) {
	keep(context.WithCancel(parent))
}
