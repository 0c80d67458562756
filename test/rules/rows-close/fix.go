package orders

import (
	"context"
	"database/sql"
)

func count(ctx context.Context, db *sql.DB) (int, error) {
	rows, err := db.QueryContext(ctx, "SELECT id FROM orders") // want `never closed`
	if err != nil {
		return 0, err
	}
	n := 0
	for rows.Next() {
		n++
	}
	return n, rows.Err()
}

func prepare(db *sql.DB) {
	stmt, _ := db.Prepare("SELECT 1") // want `stmt from db.Prepare is never closed`
	stmt.Exec()
}
