package store

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"syscall"
)

func ReadAll(r io.Reader) error {
	buf := make([]byte, 512)
	for {
		_, err := r.Read(buf)
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

func Lines(r *bufio.Reader) {
	line, err := r.ReadString('\n')
	copied := err
	if copied == io.EOF {
		_ = line
	}
}

func Full(r io.Reader) bool {
	var head [8]byte
	_, err := io.ReadFull(r, head[:])
	return err == io.ErrUnexpectedEOF || err == io.EOF
}

func Decode(dec *json.Decoder) (err error) {
	var v any
	err = dec.Decode(&v)
	if err == io.EOF {
		return nil
	}
	return err
}

func Row(db *sql.DB) bool {
	var n int
	if db.QueryRow("SELECT 1").Scan(&n) == sql.ErrNoRows {
		return false
	}
	err := db.QueryRow("SELECT 2").Scan(&n)
	return err != sql.ErrNoRows
}

func Serve(srv *http.Server) error {
	if err := srv.ListenAndServe(); err != http.ErrServerClosed {
		return err
	}
	return nil
}

func Done(ctx context.Context) bool {
	err := ctx.Err()
	return err == context.Canceled || err == context.DeadlineExceeded
}

func Errno() bool {
	err := syscall.Chmod("/tmp/x", 0o600)
	return err == syscall.EPERM
}

// Direct comparison is what an Is method is for.
type codeError struct{ code int }

func (c *codeError) Error() string { return "code" }

func (c *codeError) Is(target error) bool {
	if target == ErrNotFound {
		return c.code == 404
	}
	t, ok := target.(*codeError)
	return ok && t.code == c.code
}

type timeout interface{ Timeout() bool }

func Behaviour(err error) bool {
	if t, ok := err.(interface{ Timeout() bool }); ok {
		return t.Timeout()
	}
	_, ok := err.(interface{ Unwrap() []error })
	return ok
}

func NotErrors(err error, code int, name string, errs []error) bool {
	errCount := len(errs)
	return err != nil && nil != err && code == 404 && name == "err" && errCount == 0 && err.Error() == "boom"
}

func Recovered() {
	if r := recover(); r != nil {
		if e, ok := r.(error); ok {
			_ = e
		}
	}
}

func AlreadyIs(err error) bool {
	return errors.Is(err, ErrNotFound)
}

type temporary interface{ Temporary() bool }

func Behaviours(err error) bool {
	t, ok := err.(temporary)
	return ok && t.Temporary()
}

// Errno values are numbers: comparing an Errno is not an error comparison.
func Errnos(errno syscall.Errno) bool {
	return errno == syscall.EINTR || errno == syscall.EAGAIN
}
