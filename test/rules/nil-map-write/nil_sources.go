package nilsources

// Maps made at their declaration: a nil reaches a write only through `= nil` or a nil
// test, however they are spelled (the rule looks for them before walking the function).
// The `var (...)` blocks make the rule's first text check pass for any name.

func ParenthesizedNil() {
	var (
		n = 1
	)
	m := make(map[string]int)
	m = (nil)
	m["a"] = n // want `m may be nil here \(set to nil on line \d+\)`
}

func ConvertedNil() {
	var (
		n = 1
	)
	m := make(map[string]int)
	m = map[string]int(nil)
	m["a"] = n // want `m may be nil here \(set to nil on line \d+\)`
}

func MultiAssign() {
	var (
		n = 0
	)
	m := make(map[string]int)
	m, n = nil, 1
	m["a"] = n // want `m may be nil here \(set to nil on line \d+\)`
}

func ReversedGuard(m map[string]int) {
	var (
		n = 1
	)
	if nil == (m) {
		m["a"] = n // want `m is nil in this branch`
	}
}

func CommentedGuard(m map[string]int) {
	var (
		n = 1
	)
	if m /* still */ == /* maybe */ nil {
		m["a"] = n // want `m is nil in this branch`
	}
}

func NilElsewhere(m map[string]int, err error) error {
	var (
		n = 1
	)
	if err != nil { // a nil test of err says nothing about m
		return err
	}
	m["a"] = n
	return nil
}
