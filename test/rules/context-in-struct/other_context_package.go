package worker

// A package of our own called context is not the standard library's.
import "example.com/shop/context"

type Session struct {
	ctx context.Context
}
