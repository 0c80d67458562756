package orders

import (
	"context"
	"time"
)

func Early(ctx context.Context, ok bool) error {
	ctx, cancel := context.WithTimeout(ctx, time.Second) // want `add defer cancel\(\) after this line`
	if !ok {
		return ctx.Err()
	}
	cancel()
	return nil
}

func Cause(ctx context.Context, ok bool) {
	ctx, stop := context.WithCancelCause(ctx) // want `add defer stop\(nil\) after this line`
	if ok {
		stop(nil)
	}
	_ = ctx
}

func InSwitchCase(ctx context.Context, n int) {
	switch n {
	case 1:
		_, cancel := context.WithCancel(ctx) // want `add defer cancel\(\) after this line`
		if n > 0 {
			return
		}
		cancel()
	}
}

func MultiLineCall(ctx context.Context, ok bool) {
	_, cancel := context.WithDeadline(ctx, // want `add defer cancel\(\) after this line`
		time.Now().Add(time.Hour))
	if ok {
		cancel()
	}
}

func Indented(ctx context.Context, item string) {
	if item != "" {
		if len(item) > 1 {
			_, cancel := context.WithCancel(ctx) // want `add defer cancel\(\) after this line`
			if len(item) > 3 {
				return
			}
			cancel()
		}
	}
}

// No fix inside a loop: the defers would pile up until the function returns.
func InLoop(ctx context.Context, items []string) {
	for _, item := range items {
		_, cancel := context.WithCancel(ctx) // want `call cancel\(\) or hand it off before each return`
		if item == "" {
			continue
		}
		cancel()
	}
}

// No fix: a defer cannot follow an if initializer.
func Initializer(ctx context.Context) {
	if _, cancel := context.WithCancel(ctx); ctx != nil { // want `call cancel\(\) or hand it off before each return`
		cancel()
	}
}

// No fix: the cancel function is handed back on one path, so deferring it would
// cancel the context the caller receives.
func HandedBack(ctx context.Context, ok bool) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(ctx) // want `call cancel\(\) or hand it off before each return`
	if !ok {
		return nil, nil
	}
	return ctx, cancel
}
