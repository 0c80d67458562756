package store

import (
	"fmt"
	"io"
)

func Check(r io.Reader, err error) {
	if err != io.ErrClosedPipe { // want `use !errors.Is\(err, io.ErrClosedPipe\)`
		fmt.Println("open")
	}
}
