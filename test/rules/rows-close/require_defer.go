// go-for-ts:options {"requireDefer": true}
package orders

import (
	"database/sql"
	"log"
)

func closedAtTheEnd(db *sql.DB) int {
	rows, err := db.Query("SELECT id FROM orders")
	if err != nil {
		log.Fatal(err)
	}
	n := 0
	for rows.Next() {
		n++
	}
	rows.Close() // want `rows.Close\(\) is not deferred: a panic or a later early return would leave it open`
	return n
}
