// Package workgroup runs tasks on a bounded number of goroutines and returns the
// first error, cancelling the others through their context.
package workgroup

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// Group runs tasks; the zero value is not usable, call New.
type Group struct {
	mu      sync.Mutex
	wg      sync.WaitGroup
	sem     chan struct{}
	cancel  context.CancelFunc
	err     error
	started int
}

// New returns a Group allowing limit tasks at once, and the context they share.
func New(ctx context.Context, limit int) (*Group, context.Context) {
	ctx, cancel := context.WithCancel(ctx)
	return &Group{sem: make(chan struct{}, limit), cancel: cancel}, ctx
}

// Go starts task on its own goroutine once a slot is free.
func (g *Group) Go(ctx context.Context, task func(context.Context) error) {
	g.wg.Add(1)
	g.sem <- struct{}{}
	g.mu.Lock()
	g.started++
	g.mu.Unlock()
	go func() {
		defer func() { <-g.sem }()
		defer g.wg.Done()
		if err := task(ctx); err != nil {
			g.fail(fmt.Errorf("task: %w", err))
		}
	}()
}

func (g *Group) fail(err error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.err == nil {
		g.err = err
		g.cancel()
	}
}

// Wait blocks until every task returned, then reports the first error.
func (g *Group) Wait() error {
	g.wg.Wait()
	g.cancel()
	return g.err
}

// Poll calls check every interval until it reports done or ctx ends.
func Poll(ctx context.Context, interval time.Duration, check func() (bool, error)) error {
	ticker := time.NewTicker(interval)
	defer ticker.Stop()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-ticker.C:
			done, err := check()
			if err != nil {
				return err
			}
			if done {
				return nil
			}
		}
	}
}

// Retry runs op up to attempts times, waiting a little longer after each failure.
func Retry(ctx context.Context, attempts int, op func(context.Context) error) (err error) {
	wait := 10 * time.Millisecond
	for i := 0; i < attempts; i++ {
		if err = op(ctx); err == nil {
			return nil
		}
		select {
		case <-time.After(wait):
			wait *= 2
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return fmt.Errorf("after %d attempts: %v", attempts, err)
}
