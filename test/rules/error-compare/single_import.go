package store

import "io"

func AtEnd(err error) bool {
	return err == io.EOF // want `use errors.Is\(err, io.EOF\)`
}
