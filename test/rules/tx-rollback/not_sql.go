package editor

// No SQL import: Begin is an undo group here.
type Buffer struct{}
type Group struct{}

func (Buffer) Begin(label string) (*Group, error) { return &Group{}, nil }

func edit(b Buffer, fail bool) error {
	g, err := b.Begin("typing")
	if err != nil {
		return err
	}
	if fail {
		return nil
	}
	_ = g
	return nil
}
