// go-for-ts:go 1.22
package users

import (
	"errors"
	"fmt"
	"os"
	"strconv"
)

type User struct{ Name string }

type NotFound struct{ ID string }

func (n *NotFound) Error() string { return "not found: " + n.ID }

var ErrClosed = errors.New("closed")

func load(id string) (*User, error) { return nil, nil }

func Basic(id string) error {
	_, err := load(id)
	return fmt.Errorf("loading %s: %v", id, err) // want `fmt.Errorf formats err with %v, which keeps only its text: use %w`
}

func StringVerb(path string) error {
	_, openErr := os.Open(path)
	return fmt.Errorf("open: %s", openErr) // want `formats openErr with %s`
}

func Sentinel() error {
	return fmt.Errorf("shutting down: %v", ErrClosed) // want `formats ErrClosed with %v`
}

func Several(a, b error) error {
	return fmt.Errorf("first %v, then %v", a, b) // want `formats a with %v`
}

func MixedWithWrap(a, b error) error {
	return fmt.Errorf("%w while handling %v", a, b) // want `formats b with %v`
}

func Indexed(n int) error {
	err := strconv.ErrRange
	return fmt.Errorf("%[1]v (value %d) %[1]v", err, n) // want `formats err with %v`
}

func Concrete() error {
	nf := &NotFound{ID: "7"}
	return fmt.Errorf("lookup: %v", nf) // want `formats nf with %v`
}

func Inline() error {
	return fmt.Errorf("new: %v", errors.New("boom")) // want `formats errors.New\("boom"\) with %v`
}

func Declared() error {
	var e error = ErrClosed
	return fmt.Errorf("declared: %v", e) // want `formats e with %v`
}

func Raw(err error) error {
	return fmt.Errorf(`raw: %v`, err) // want `formats err with %v`
}

func Escapes(err error) error {
	return fmt.Errorf("tab\t\"quoted\" 100%% then %v", err) // want `formats err with %v`
}

func Suppressed(err error) error {
	return fmt.Errorf("boundary: %v", err) //nolint:error-wrap // callers must not depend on the driver's errors
}
