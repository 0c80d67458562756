package worker

import (
	"context"
	"sync"
)

type Job struct {
	ID  string
	ctx context.Context // want `struct Job stores context.Context in field ctx: pass ctx as the first parameter`
}

type Pair struct {
	parent, child context.Context // want `field parent, child`
}

type Tagged struct {
	Ctx context.Context `json:"-"` // want `struct Tagged stores context.Context in field Ctx`
}

type Embedded struct {
	context.Context // want `struct Embedded embeds context.Context`
	mu              sync.Mutex
}

func anonymous() {
	state := struct {
		ctx  context.Context // want `this struct stores context.Context in field ctx`
		name string
	}{}
	_ = state
}

type Generic[T any] struct {
	value T
	ctx   context.Context // want `struct Generic stores`
}

type Nested struct {
	inner struct {
		deadline context.Context // want `this struct stores context.Context in field deadline`
	}
}

type Suppressed struct {
	ctx context.Context //nolint:context-in-struct // one request, like http.Request
}

// Embedding alone, in a type not named like a context, is storage.
type Service struct {
	context.Context // want `struct Service embeds context.Context`
	name            string
}
