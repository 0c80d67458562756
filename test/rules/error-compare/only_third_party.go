package store

import (
	"github.com/acme/retry"
)

func Again(err error) bool {
	return err == retry.ErrAgain // want `use errors.Is`
}
