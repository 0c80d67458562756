package bank

import "database/sql"

func archive(db *sql.DB, id string) error {
	tx, err := db.Begin() // want `leaves tx open`
	if err != nil {
		return err
	}
	if _, err := tx.Exec("UPDATE orders SET archived = true WHERE id = $1", id); err != nil {
		return err
	}
	return tx.Commit()
}
