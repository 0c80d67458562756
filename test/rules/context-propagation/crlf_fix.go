package orders

import "context"

func Refresh(ctx context.Context, id string) error {
	return fetch(context.TODO(), id) // want `use ctx instead`
}

func fetch(ctx context.Context, id string) error { return nil }
