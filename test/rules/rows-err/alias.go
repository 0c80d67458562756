package store

import stdsql "database/sql"

func Aliased(db *stdsql.DB) {
	rows, _ := db.Query("SELECT 1") // want `rows.Err\(\) is never checked`
	defer rows.Close()
	for rows.Next() {
	}
}
