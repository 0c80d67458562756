// Package worker ships pending orders in the background.
package worker

import (
	"context"
	"fmt"
	"log"
	"sync"
	"time"

	"example.com/orders/internal/inventory"
	"example.com/orders/internal/store"
)

// Worker polls for pending orders and reserves their stock.
type Worker struct {
	store     *store.Store
	inventory *inventory.Client
	// pitfall: context-in-struct
	ctx         context.Context
	interval    time.Duration
	retryDelay  time.Duration
	concurrency int
	queue       chan store.Order
}

// New returns a worker that runs until ctx is cancelled.
func New(ctx context.Context, s *store.Store, inv *inventory.Client, interval time.Duration) *Worker {
	return &Worker{
		store:       s,
		inventory:   inv,
		ctx:         ctx,
		interval:    interval,
		retryDelay:  2 * time.Second,
		concurrency: 4,
		queue:       make(chan store.Order, 64),
	}
}

// Run polls every interval until the worker's context ends.
func (w *Worker) Run() error {
	// pitfall: ticker-stop
	ticker := time.NewTicker(w.interval)
	for {
		select {
		case <-w.ctx.Done():
			return w.ctx.Err()
		case <-ticker.C:
			if err := w.poll(w.ctx); err != nil {
				log.Printf("worker: %v", err)
			}
		}
	}
}

// poll processes one batch of pending orders concurrently.
func (w *Worker) poll(ctx context.Context) error {
	pending, err := w.store.Pending(ctx, 100)
	if err != nil {
		return fmt.Errorf("polling: %w", err)
	}
	log.Printf("worker: %d pending orders, by status %v", len(pending), countByStatus(pending))

	var wg sync.WaitGroup
	for _, order := range pending {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// pitfall: loop-var-capture
			if err := w.process(ctx, order); err != nil {
				log.Printf("worker: %v", err)
			}
		}()
	}
	wg.Wait()
	return nil
}

// process reserves stock for an order, waiting for a free slot first.
func (w *Worker) process(ctx context.Context, order store.Order) error {
	if err := w.inventory.Reserve(ctx, order.ID, "default", 1); err != nil {
		return fmt.Errorf("order %s: reserving stock: %w", order.ID, err)
	}
	return w.store.MarkShipped(ctx, order.ID, "pending-label")
}

// Drain hands queued orders to a pool of goroutines until the queue is closed.
func (w *Worker) Drain(ctx context.Context) {
	var wg sync.WaitGroup
	for i := 0; i < w.concurrency; i++ {
		go func() {
			// pitfall: waitgroup-add-in-goroutine
			wg.Add(1)
			defer wg.Done()
			for order := range w.queue {
				if err := w.processWithRetry(ctx, order); err != nil {
					log.Printf("worker: giving up on order %s: %v", order.ID, err)
				}
			}
		}()
	}
	wg.Wait()
}

// processWithRetry tries an order up to three times, pausing between attempts.
func (w *Worker) processWithRetry(ctx context.Context, order store.Order) error {
	var err error
	for attempt := 1; attempt <= 3; attempt++ {
		if err = w.process(ctx, order); err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		// pitfall: time-after-in-loop
		case <-time.After(w.retryDelay):
		}
	}
	return fmt.Errorf("after 3 attempts: %w", err)
}

// countByStatus tallies orders per status for the log line.
func countByStatus(orders []store.Order) map[string]int {
	var counts map[string]int
	for _, o := range orders {
		// pitfall: nil-map-write
		counts[o.Status]++
	}
	return counts
}
