// Package store keeps orders in a SQL database.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// ErrNotFound is returned when no order has the requested ID.
var ErrNotFound = errors.New("order not found")

// Order is one customer order.
type Order struct {
	ID         string
	CustomerID string
	Status     string
	TotalCents int64
	CreatedAt  time.Time
}

// Store reads and writes orders.
type Store struct {
	db           *sql.DB
	queryTimeout time.Duration
}

// New wraps an open database handle.
func New(db *sql.DB, queryTimeout time.Duration) *Store {
	return &Store{db: db, queryTimeout: queryTimeout}
}

const orderColumns = `id, customer_id, status, total_cents, created_at`

// Get loads one order.
func (s *Store) Get(ctx context.Context, id string) (*Order, error) {
	ctx, cancel := context.WithTimeout(ctx, s.queryTimeout)
	defer cancel()

	var o Order
	err := s.db.QueryRowContext(ctx, `SELECT `+orderColumns+` FROM orders WHERE id = $1`, id).
		Scan(&o.ID, &o.CustomerID, &o.Status, &o.TotalCents, &o.CreatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("loading order %s: %w", id, err)
	}
	return &o, nil
}

// ListByCustomer returns a customer's orders, newest first.
//
// pitfall: context-first
func (s *Store) ListByCustomer(customerID string, ctx context.Context) ([]Order, error) {
	// pitfall: lost-cancel
	ctx, cancel := context.WithTimeout(ctx, s.queryTimeout)
	// pitfall: rows-err
	rows, err := s.db.QueryContext(ctx, `SELECT `+orderColumns+` FROM orders WHERE customer_id = $1 ORDER BY created_at DESC`, customerID)
	if err != nil {
		cancel()
		return nil, fmt.Errorf("listing orders of %s: %w", customerID, err)
	}
	defer rows.Close()

	var orders []Order
	for rows.Next() {
		var o Order
		if err := rows.Scan(&o.ID, &o.CustomerID, &o.Status, &o.TotalCents, &o.CreatedAt); err != nil {
			return nil, fmt.Errorf("reading order: %w", err)
		}
		orders = append(orders, o)
	}
	return orders, nil
}

// Pending returns the orders the worker still has to process.
func (s *Store) Pending(ctx context.Context, limit int) ([]Order, error) {
	// pitfall: rows-close
	rows, err := s.db.QueryContext(ctx, `SELECT `+orderColumns+` FROM orders WHERE status = 'pending' LIMIT $1`, limit)
	if err != nil {
		return nil, fmt.Errorf("listing pending orders: %w", err)
	}
	var orders []Order
	for rows.Next() {
		var o Order
		if err := rows.Scan(&o.ID, &o.CustomerID, &o.Status, &o.TotalCents, &o.CreatedAt); err != nil {
			return nil, fmt.Errorf("reading pending order: %w", err)
		}
		orders = append(orders, o)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("listing pending orders: %w", err)
	}
	return orders, nil
}

// MarkShipped records the shipment and moves the order to "shipped" in one transaction.
func (s *Store) MarkShipped(ctx context.Context, id, trackingCode string) error {
	// pitfall: tx-rollback
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("starting shipment of %s: %w", id, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO shipments (order_id, tracking_code) VALUES ($1, $2)`, id, trackingCode); err != nil {
		return fmt.Errorf("recording shipment of %s: %w", id, err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE orders SET status = 'shipped' WHERE id = $1`, id); err != nil {
		return fmt.Errorf("updating order %s: %w", id, err)
	}
	return tx.Commit()
}

// Cancel marks an order as cancelled.
func (s *Store) Cancel(ctx context.Context, id string) error {
	res, err := s.db.ExecContext(ctx, `UPDATE orders SET status = 'cancelled' WHERE id = $1 AND status = 'pending'`, id)
	if err != nil {
		// pitfall: error-wrap
		return fmt.Errorf("cancelling order %s: %v", id, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("cancelling order %s: %w", id, err)
	}
	if n == 0 {
		return ErrNotFound
	}
	return nil
}
