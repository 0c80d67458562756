package store

// An unrelated package named errors: no errors.Is to call, so no quick fix.
import "example.com/internal/errors"

func Matches(err error) bool {
	return err == errors.ErrCode // want `use errors.Is\(err, errors.ErrCode\)`
}
