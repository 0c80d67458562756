package store

import (
	"github.com/acme/retry"
	"github.com/pkg/errors"
)

func Retryable(err error) bool {
	return err == retry.ErrAgain // want `use errors.Is\(err, retry.ErrAgain\)`
}

var _ = errors.New
