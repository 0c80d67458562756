package orders

import "context"

func Fetch(id string, limit int, ctx context.Context) error { // want `move ctx to the front`
	return nil
}

func caller(ctx context.Context) {
	_ = Fetch("a", 10, ctx)
	_ = Fetch(
		"b", 20, ctx)
}
