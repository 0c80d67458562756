package orders

import (
	"context"
	"testing"
	"time"
)

// Handing the cancel function to someone else on every path is fine.
func Returned(parent context.Context) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithTimeout(parent, time.Second)
	return ctx, cancel
}

func ReturnedOnOnePath(parent context.Context, ok bool) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithTimeout(parent, time.Second) // want `the cancel function from context.WithTimeout is not used on every path: call cancel\(\) or hand it off before each return`
	if !ok {
		return nil, nil
	}
	return ctx, cancel
}

func register(cancel func()) {}

func Passed(parent context.Context) context.Context {
	ctx, cancel := context.WithCancel(parent)
	register(cancel)
	return ctx
}

func CleanedUp(t *testing.T) context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	return ctx
}

type worker struct {
	ctx    context.Context
	cancel context.CancelFunc
	stops  []func()
}

func StoredInLocal(parent context.Context) *worker {
	ctx, cancel := context.WithCancel(parent)
	w := &worker{ctx: ctx, cancel: cancel}
	return w
}

func StoredLater(parent context.Context) *worker {
	w := &worker{}
	ctx, cancel := context.WithCancel(parent)
	w.ctx = ctx
	w.stops = append(w.stops, cancel)
	return w
}

// Assigned straight into a field: vet leaves stored cancel functions to their owner.
func (w *worker) Start(parent context.Context) {
	w.ctx, w.cancel = context.WithCancel(parent)
}

// Likewise a package variable: other code is assumed to call it.
var stopAll context.CancelFunc

func StartAll(parent context.Context) {
	_, stopAll = context.WithCancel(parent)
}

// A named result: a bare return hands it back.
func NamedResult(parent context.Context) (ctx context.Context, cancel context.CancelFunc) {
	ctx, cancel = context.WithCancel(parent)
	return
}

func NamedResultEarlyReturn(parent context.Context, ok bool) (ctx context.Context, cancel context.CancelFunc) {
	ctx, cancel = context.WithCancel(parent) // want `the cancel function from context.WithCancel is not used on every path: call cancel\(\) or hand it off`
	if !ok {
		return nil, nil
	}
	return
}

// A named result redeclared at the top of the body with := is the same variable.
func NamedResultRedeclared(parent context.Context) (err error, cancel context.CancelFunc) {
	ctx, cancel := context.WithCancel(parent)
	_ = ctx
	return
}

// A parameter reassigned: it belongs to this function, so it is checked.
func ParameterReused(parent context.Context, cancel context.CancelFunc, ok bool) {
	_, cancel = context.WithCancel(parent) // want `the cancel function from context.WithCancel is not called on every path`
	if ok {
		cancel()
	}
}

// Sent on a channel.
func Sent(parent context.Context, out chan<- context.CancelFunc) {
	_, cancel := context.WithCancel(parent)
	out <- cancel
}
