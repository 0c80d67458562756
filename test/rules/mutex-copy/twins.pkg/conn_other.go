//go:build !linux

package twins

type Conn struct {
	mu *int
	n  int
}
