package users

import (
	"errors"
	"fmt"
)

type Status struct{ Code int }

func statusOf() Status { return Status{} }

func Clean(id string, err error, errs []error, count int) error {
	errCount := 3
	msg := "oops"
	s := statusOf()
	_ = fmt.Errorf("wrapped: %w", err)
	_ = fmt.Errorf("text only: %s", err.Error())          // a string: the caller chose the text
	_ = fmt.Errorf("type: %T", err)                        // the type, not the error
	_ = fmt.Errorf("stack: %+v", err)                      // a rendering choice (pkg/errors stacks)
	_ = fmt.Errorf("go syntax: %#v", err)                  // a rendering choice
	_ = fmt.Errorf("quoted: %q", err)                      // a rendering choice
	_ = fmt.Errorf("%d errors", errCount)                  // not an error
	_ = fmt.Errorf("%v errors so far: %v", count, errs)    // a slice of errors
	_ = fmt.Errorf("message: %v", msg)                     // a string named like anything
	_ = fmt.Errorf("status %v", s)                         // a struct
	_ = fmt.Errorf("id %v", id)                            // a string parameter
	_ = fmt.Errorf("%[1]v: %[1]w", err)                    // the same error is wrapped too
	_ = fmt.Errorf("no args %v")                           // nothing to format
	_ = fmt.Errorf(prefix+" %v", err)                      // not a literal format
	_ = errors.New("fine")
	return nil
}

const prefix = "p"

func NotAnError() error {
	err := "oops"
	return fmt.Errorf("%v", err)
}

type fmtLike struct{}

func (fmtLike) Errorf(format string, args ...any) error { return nil }

func OtherErrorf(err error) {
	var f fmtLike
	_ = f.Errorf("%v", err)
}
