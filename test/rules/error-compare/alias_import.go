package store

import (
	stderrors "errors"
	"io"
)

var errBusy = stderrors.New("busy")

func Busy(err error) bool {
	return err == errBusy // want `use errors.Is\(err, errBusy\)`
}

var _ = io.EOF
