package store

import (
	"context"

	"github.com/jackc/pgx/v5/pgxpool"
)

// pgx rows report failures the same way: Next stops, Err says why.
func FromPool(ctx context.Context, pool *pgxpool.Pool) ([]int64, error) {
	rows, err := pool.Query(ctx, "SELECT id FROM users") // want `rows.Err\(\) is never checked`
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, nil
}
