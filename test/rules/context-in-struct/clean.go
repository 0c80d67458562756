package worker

import (
	"context"
	"time"
)

// Pointers, containers and function types only mention the type: not reported.
type Holder struct {
	ptr      *context.Context
	*context.Context
	contexts []context.Context
	byName   map[string]context.Context
	factory  func() context.Context
	cancel   context.CancelFunc
	timeout  time.Duration
}

// Interfaces describe behaviour, not storage.
type Runner interface {
	Run(ctx context.Context) error
	context.Context
}

// Parameters are where a context belongs.
func (h *Holder) Work(ctx context.Context, id string) error { return ctx.Err() }

// Context wrappers: a struct that is itself a Context derives one, the standard way.
type onlyValues struct {
	context.Context
	values context.Context
}

func (o onlyValues) Value(key any) any { return o.values.Value(key) }

type detachedCtx struct {
	context.Context
	cancel context.CancelFunc
}
