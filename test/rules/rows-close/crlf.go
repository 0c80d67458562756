package orders

import "database/sql"

func names(db *sql.DB) error {
	rows, err := db.Query("SELECT name FROM users") // want `never closed`
	if err != nil {
		return err
	}
	for rows.Next() {
	}
	return nil
}
