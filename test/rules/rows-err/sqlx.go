package store

import "github.com/jmoiron/sqlx"

type Filter struct{ Name string }

func Queryx(db *sqlx.DB) {
	rows, err := db.Queryx("SELECT * FROM users") // want `rows.Err\(\) is never checked`
	if err != nil {
		return
	}
	defer rows.Close()
	for rows.Next() {
		var u map[string]interface{}
		_ = rows.MapScan(u)
	}
}

func NamedQuery(db *sqlx.DB, f Filter) error {
	rows, err := db.NamedQuery("SELECT * FROM users WHERE name = :name", f)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
	}
	return rows.Err()
}
