package store

import (
	"errors"
	"fmt"
	"io"
	"os"
)

var ErrNotFound = errors.New("not found")

var errStale = errors.New("stale")

type QuotaError struct{ Limit int }

func (q *QuotaError) Error() string { return fmt.Sprintf("over quota %d", q.Limit) }

func find(id string) error { return ErrNotFound }

func Compare(id string) {
	err := find(id)
	if err == ErrNotFound { // want `err == ErrNotFound misses wrapped errors: use errors.Is\(err, ErrNotFound\)`
		return
	}
	if err != ErrNotFound { // want `use !errors.Is\(err, ErrNotFound\)`
		return
	}
	if ErrNotFound == err { // want `use errors.Is\(err, ErrNotFound\)`
		return
	}
	stale := err == errStale || err == io.ErrUnexpectedEOF // want `use errors.Is\(err, errStale\)` `use errors.Is\(err, io.ErrUnexpectedEOF\)`
	_ = stale
	if find(id) == os.ErrNotExist { // want `use errors.Is\(find\(id\), os.ErrNotExist\)`
		return
	}
	var e error = find(id)
	if e == ErrNotFound { // want `use errors.Is\(e, ErrNotFound\)`
		return
	}
	readErr := find(id)
	if readErr == io.EOF { // not from a Read call: could be wrapped // want `use errors.Is\(readErr, io.EOF\)`
		return
	}
}

func Switch(id string) string {
	err := find(id)
	switch err {
	case nil:
		return "ok"
	case ErrNotFound, errStale: // want `switch on err compares with ==, which misses wrapped errors`
		return "missing"
	case io.EOF:
		return "eof"
	}
	return "other"
}

func Assert(id string) int {
	err := find(id)
	if q, ok := err.(*QuotaError); ok { // want `type assertion err.\(\*QuotaError\) misses wrapped errors: declare var target \*QuotaError and use errors.As\(err, &target\)`
		return q.Limit
	}
	switch e := err.(type) { // want `type switch on err misses wrapped errors`
	case *QuotaError:
		return e.Limit
	case *os.PathError:
		return 0
	}
	return -1
}

func Suppressed(err error) bool {
	return err == ErrNotFound //nolint:error-compare // this package never wraps ErrNotFound
}

func Orientation(id string) {
	got := find(id)
	if got != ErrNotFound { // want `use !errors.Is\(got, ErrNotFound\)`
		return
	}
}
