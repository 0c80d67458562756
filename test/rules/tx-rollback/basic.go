package bank

import (
	"context"
	"database/sql"
	"errors"
)

var ErrInsufficientFunds = errors.New("insufficient funds")

func transfer(ctx context.Context, db *sql.DB, from, to string, amount int) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "UPDATE accounts SET balance = balance - $1 WHERE id = $2", amount, from); err != nil {
		return err
	}
	return tx.Commit()
}

func noRollback(ctx context.Context, db *sql.DB, id string) error {
	tx, err := db.BeginTx(ctx, nil) // want `return on line 29 leaves tx open \(no Rollback\): add .defer tx.Rollback\(\).`
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM accounts WHERE id = $1", id); err != nil {
		return err
	}
	return tx.Commit()
}

func deferTooLate(db *sql.DB, amount int) error {
	tx, err := db.Begin() // want `return on line 40 runs before .defer tx.Rollback\(\). is in place`
	if err != nil {
		return err
	}
	if amount <= 0 {
		return ErrInsufficientFunds
	}
	defer tx.Rollback()
	_, err = tx.Exec("UPDATE accounts SET balance = balance + $1", amount)
	if err != nil {
		return err
	}
	return tx.Commit()
}

func rollbackOnEachBranch(db *sql.DB) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	if _, err := tx.Exec("DELETE FROM sessions"); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

func deferredClosure(ctx context.Context, db *sql.DB) (err error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = tx.Rollback()
			return
		}
		err = tx.Commit()
	}()
	if _, err = tx.ExecContext(ctx, "DELETE FROM sessions"); err != nil {
		return err
	}
	return nil
}

func neverFinished(db *sql.DB) {
	tx, err := db.Begin() // want `tx from db.Begin is never committed or rolled back`
	if err != nil {
		panic(err)
	}
	tx.Exec("SELECT 1")
}

func noEarlyReturn(db *sql.DB) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	tx.Exec("DELETE FROM sessions")
	return tx.Commit()
}

func helperFinishes(db *sql.DB) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	if err := insertAudit(tx); err != nil {
		return rollback(tx, err)
	}
	return tx.Commit()
}

func insertAudit(tx *sql.Tx) error { _, err := tx.Exec("INSERT INTO audit DEFAULT VALUES"); return err }

func rollback(tx *sql.Tx, err error) error {
	_ = tx.Rollback()
	return err
}

func handedOn(ctx context.Context, db *sql.DB) (*sql.Tx, error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	if _, err := tx.ExecContext(ctx, "SET LOCAL lock_timeout = '1s'"); err != nil {
		tx.Rollback()
		return nil, err
	}
	return tx, nil
}

func helperPassedButLeaks(db *sql.DB) error {
	tx, err := db.Begin() // want `return on line 133 leaves tx open`
	if err != nil {
		return err
	}
	if err := insertAudit(tx); err != nil {
		return err
	}
	return tx.Commit()
}

func errorCheckedLater(db *sql.DB, log func(string)) error {
	tx, err := db.Begin()
	log("begin")
	if err != nil {
		return err
	}
	defer tx.Rollback()
	return tx.Commit()
}

func errorCheckedBySwitch(db *sql.DB) error {
	tx, err := db.Begin()
	switch err {
	case nil:
		return tx.Rollback()
	default:
		return err
	}
}

func successFirst(db *sql.DB) (*sql.DB, error) {
	tx, err := db.Begin()
	if err == nil {
		return db, tx.Rollback()
	}
	return nil, err
}

func shadowedErrorLeaks(db *sql.DB) error {
	tx, err := db.Begin() // want `return on line 172 leaves tx open`
	if err != nil {
		return err
	}
	if err := insertAudit(tx); err != nil {
		return err
	}
	return tx.Commit()
}
