package tally

import (
	"encoding/json"
	"log"
)

type Counts map[string]int

func NeverMade() {
	var m map[string]int
	m["a"] = 1 // want `m may still be nil here \(declared without make\).*make\(map\[string\]int\)`
}

func MadeInOneBranch(verbose bool) map[string]int {
	var seen map[string]int
	if verbose {
		seen = make(map[string]int)
	}
	seen["start"]++ // want `seen may still be nil here`
	return seen
}

func LoopWithoutMake(words []string) map[string]int {
	var freq map[string]int
	for _, w := range words {
		freq[w] += 1 // want `freq may still be nil here`
	}
	return freq
}

func NilConversion() {
	m := map[string]bool(nil)
	m["x"] = true // want `m may still be nil`
}

func NilValue() {
	var m map[int]string = nil
	m[1] = "one" // want `m may still be nil`
}

func ResetToNil() {
	m := map[string]int{"a": 1}
	m = nil
	m["b"]-- // want `m may be nil here \(set to nil on line \d+\)`
}

func NamedType() Counts {
	var c Counts
	c["x"] = 1 // want `c may still be nil here.*make\(Counts\)`
	return c
}

func NamedResult() (totals map[string]int) {
	totals["all"] = 0 // want `totals is a named map result`
	return
}

func SwitchWithoutDefault(kind int) {
	var m map[string]int
	switch kind {
	case 1:
		m = map[string]int{}
	case 2:
		m = make(map[string]int, 8)
	}
	m["k"] = kind // want `m may still be nil`
}

func BreakBeforeMake(items []string) {
	var index map[string]int
	for i, item := range items {
		if item == "" {
			break
		}
		if index == nil {
			index = make(map[string]int)
		}
		index[item] = i
	}
	index["end"] = len(items) // want `index may still be nil`
}

// Inside `if m == nil` the map is nil, whatever it came from.
func GuardedParameter(m map[string]int) {
	if m == nil {
		m["one"] = 1 // want `m is nil in this branch`
	}
}

func GuardedOrElse(m map[string]int, force bool) {
	if m != nil && !force {
		return
	} else {
		m["x"] = 2 // want `m is nil in this branch`
	}
}

func ShadowedInBlock(ok bool) {
	var m map[string]int
	if ok {
		m := make(map[string]int)
		m["inner"] = 1
	}
	m["outer"] = 1 // want `m may still be nil`
}

func TwoNamesOneSpec() {
	var a, b map[int]int
	a = make(map[int]int)
	a[1] = 1
	b[1] = 1 // want `b may still be nil`
}

func SelectCases(ch <-chan int) {
	var m map[int]bool
	select {
	case v := <-ch:
		m = map[int]bool{v: true}
	default:
	}
	m[0] = false // want `m may still be nil`
}

func FatalOnlyInOneBranch(path string) {
	var cfg map[string]string
	if path == "" {
		log.Print("no config")
	} else if err := json.Unmarshal([]byte(path), &cfg); err != nil {
		log.Fatal(err)
	}
	cfg["loaded"] = "yes" // want `cfg may still be nil`
}
