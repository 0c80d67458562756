// Package linereader reads text one line at a time with a fixed buffer, the way a
// buffered reader does, and counts what it saw.
package linereader

import (
	"errors"
	"io"
	"unicode/utf8"
)

// ErrTooLong is returned when a line does not fit in the buffer.
var ErrTooLong = errors.New("linereader: line too long")

const defaultSize = 4096

// Reader hands out lines from an underlying io.Reader.
type Reader struct {
	src   io.Reader
	buf   []byte
	start int
	end   int
	err   error
	lines int
	runes int
}

// New returns a Reader with a buffer of the given size (the default when size <= 0).
func New(src io.Reader, size int) *Reader {
	if size <= 0 {
		size = defaultSize
	}
	return &Reader{src: src, buf: make([]byte, size)}
}

func (r *Reader) fill() {
	if r.start > 0 {
		copy(r.buf, r.buf[r.start:r.end])
		r.end -= r.start
		r.start = 0
	}
	for tries := 0; tries < 100 && r.end < len(r.buf); tries++ {
		n, err := r.src.Read(r.buf[r.end:])
		r.end += n
		if err != nil {
			r.err = err
			return
		}
		if n > 0 {
			return
		}
	}
	r.err = io.ErrNoProgress
}

// Line returns the next line without its '\n' (and without a '\r' before it).
func (r *Reader) Line() ([]byte, error) {
scan:
	for {
		for i := r.start; i < r.end; i++ {
			switch r.buf[i] {
			case '\n':
				line := r.buf[r.start:i]
				r.start = i + 1
				if n := len(line); n > 0 && line[n-1] == '\r' {
					line = line[:n-1]
				}
				r.count(line)
				return line, nil
			case 0:
				break scan
			}
		}
		if r.err != nil {
			if r.start == r.end {
				return nil, r.err
			}
			line := r.buf[r.start:r.end]
			r.start = r.end
			r.count(line)
			return line, nil
		}
		if r.start == 0 && r.end == len(r.buf) {
			return nil, ErrTooLong
		}
		r.fill()
	}
	return nil, errors.New("linereader: NUL byte in input")
}

func (r *Reader) count(line []byte) {
	r.lines++
	r.runes += utf8.RuneCount(line)
}

// Stats says how many lines and runes were read — «ligne», 行, 😀 all count as one rune.
func (r *Reader) Stats() (lines, runes int) { return r.lines, r.runes }

// Separator is the rune that ends a line; '\u2028' is not one.
const Separator rune = '\n'

var banner = `linereader:
	raw strings keep "quotes", \backslashes\ and ${templates} as they are
`
