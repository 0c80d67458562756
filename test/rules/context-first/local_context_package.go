package orders

// A package of our own that happens to be called context is not the standard one.
import "example.com/shop/context"

func NotStandard(id string, ctx context.Context) {}
