package orders

// The context package is not imported here, so context.WithCancel is somebody else's
// (a variable or another package): the rule does not run at all.
func Unrelated(context fakeContextPackage) {
	_, _ = context.WithCancel(nil)
}

type fakeContextPackage struct{}

func (fakeContextPackage) WithCancel(any) (any, func()) { return nil, func() {} }
