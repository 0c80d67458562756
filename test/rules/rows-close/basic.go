package orders

import (
	"context"
	"database/sql"
	"errors"
	"log"
	"net/http"
)

type Order struct{ ID, Status string }

func deferred(ctx context.Context, db *sql.DB) ([]string, error) {
	rows, err := db.QueryContext(ctx, "SELECT id FROM orders")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

func neverClosed(ctx context.Context, db *sql.DB) (int, error) {
	rows, err := db.QueryContext(ctx, "SELECT id FROM orders") // want `rows from db.QueryContext is never closed.*defer rows.Close\(\)`
	if err != nil {
		return 0, err
	}
	n := 0
	for rows.Next() {
		n++
	}
	return n, nil
}

func statementNeverClosed(db *sql.DB) error {
	stmt, err := db.Prepare("UPDATE orders SET status = ? WHERE id = ?") // want `stmt from db.Prepare is never closed`
	if err != nil {
		return err
	}
	_, err = stmt.Exec("paid", "o-1")
	return err
}

func statementDeferredInClosure(db *sql.DB) {
	stmt, err := db.Prepare("DELETE FROM orders WHERE id = ?")
	if err != nil {
		log.Fatal(err)
	}
	defer func() {
		if err := stmt.Close(); err != nil {
			log.Print(err)
		}
	}()
	_, _ = stmt.Exec("o-1")
}

func closedAtTheEndWithEarlyReturn(db *sql.DB) ([]Order, error) {
	rows, err := db.Query("SELECT id, status FROM orders")
	if err != nil {
		return nil, err
	}
	var out []Order
	for rows.Next() {
		var o Order
		if err := rows.Scan(&o.ID, &o.Status); err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	rows.Close() // want `rows.Close\(\) is not deferred: the return on line 73 leaves rows open`
	return out, nil
}

func closedAtTheEndNoEarlyReturn(db *sql.DB) int {
	rows, err := db.Query("SELECT id FROM orders")
	if err != nil {
		log.Fatal(err)
	}
	n := 0
	for rows.Next() {
		n++
	}
	rows.Close()
	return n
}

func closedOnEveryBranch(db *sql.DB, strict bool) error {
	rows, err := db.Query("SELECT id FROM orders")
	if err != nil {
		return err
	}
	if strict {
		rows.Close()
		return errors.New("strict mode")
	}
	rows.Close()
	return nil
}

func returned(ctx context.Context, db *sql.DB) (*sql.Rows, error) {
	rows, err := db.QueryContext(ctx, "SELECT id FROM orders")
	if err != nil {
		return nil, err
	}
	return rows, nil
}

func passedOn(db *sql.DB) error {
	rows, err := db.Query("SELECT id FROM orders")
	if err != nil {
		return err
	}
	return scanAll(rows)
}

func scanAll(rows *sql.Rows) error {
	defer rows.Close()
	return nil
}

type cursor struct{ rows *sql.Rows }

func stored(db *sql.DB, c *cursor) error {
	rows, err := db.Query("SELECT id FROM orders")
	if err != nil {
		return err
	}
	c.rows = rows
	return nil
}

func dropped(db *sql.DB) {
	db.Query("UPDATE orders SET status = 'paid'") // want `rows returned by db.Query are dropped.*use Exec`
}

func blank(tx *sql.Tx) {
	_, err := tx.Query("SELECT 1") // want `assigned to _, so never closed`
	_ = err
}

func inTransaction(ctx context.Context, tx *sql.Tx) (bool, error) {
	rows, err := tx.QueryContext(ctx, "SELECT 1") // want `rows from tx.QueryContext is never closed`
	if err != nil {
		return false, err
	}
	return rows.Next(), nil
}

// Not SQL: url.Values from a request, and methods without arguments.
func notSQL(r *http.Request) string {
	q := r.URL.Query()
	return q.Get("id")
}

func suppressed(db *sql.DB) {
	rows, _ := db.Query("SELECT 1") //nolint:rows-close // closed by the caller's cleanup hook
	_ = rows.Next()
}
