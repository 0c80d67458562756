package tally

type Index map[string][]int

func Declared() {
	var m map[string]int
	m["a"] = 1 // want `m may still be nil`
}

func DeclaredInGroup(words []string) {
	var (
		count int
		freq  map[string]int
	)
	for _, w := range words {
		count++
		freq[w] = count // want `freq may still be nil`
	}
}

func DeclaredNil() {
	var m map[string]bool = nil
	m["x"] = true // want `m may still be nil`
}

func Converted() {
	byID := map[int]string(nil)
	byID[7] = "seven" // want `byID may still be nil`
}

func NamedMapType() {
	var idx Index
	idx["go"] = append(idx["go"], 1) // want `idx may still be nil.*make\(Index\)`
}

func Reset(keys []string) {
	m := make(map[string]int, len(keys))
	m = nil
	m["k"] = 1 // want `m may be nil here \(set to nil`
}

func MaybeMade(verbose bool) {
	var seen map[string]struct{}
	if verbose {
		seen = map[string]struct{}{}
	}
	seen["x"] = struct{}{} // want `seen may still be nil`
}

// No fix: making one name of `var a, b` would change the other.
func TwoNames() {
	var a, b map[int]int
	a = map[int]int{}
	a[0] = 0
	b[0] = 0 // want `b may still be nil`
}

// No fix: a parameter's nil map belongs to the caller.
func Guarded(m map[string]int) {
	if m == nil {
		m["x"] = 1 // want `m is nil in this branch`
	}
}
