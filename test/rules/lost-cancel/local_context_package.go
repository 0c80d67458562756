package orders

// Our own package that happens to be called context is not the standard one, even
// though its functions share the names.
import "example.com/shop/context"

func NotStandard(parent context.Context, ok bool) {
	ctx, cancel := context.WithCancel(parent)
	if ok {
		cancel()
	}
	_ = ctx
	child, _ := context.WithTimeout(parent, 5)
	_ = child
}
