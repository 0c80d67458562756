package receivers

// However the receiver is spelled, a named value receiver is one (the rule picks the
// methods to look at from their text first).

type Point struct{ X, Y int }

type Box[T any] struct{ V T }

func (/* the copy */ p Point) Comment() {
	p.X = 1 // want `Comment has a value receiver, so p.X changes a copy`
}

func (p
	Point) Split() {
	p.Y <<= 1 // want `Split has a value receiver, so p.Y changes a copy`
}

func (p (Point)) Parenthesized() {
	p.X-- // want `Parenthesized has a value receiver, so p.X changes a copy`
}

func (b Box[T]) Generic(v T) {
	b.V = v // want `Generic has a value receiver, so b.V changes a copy`
}

func (ü Point) Unicode() {
	ü.X ^= 2 // want `Unicode has a value receiver, so ü.X changes a copy`
}

func (p (*Point)) PointerInParentheses() {
	p.X = 1
}

func (_ Point) Blank() {}

func (Point) Unnamed() {}
