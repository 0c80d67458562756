package users

import "time"

type User struct {
	Name   string
	Visits int
	Tags   map[string]bool
	Meta   struct{ Updated time.Time }
}

func (u User) SetName(name string) {
	u.Name = name // want `SetName has a value receiver, so u.Name changes a copy that is dropped on return: use a pointer receiver \(u \*User\)`
}

func (u User) Visit() {
	u.Visits++                    // want `u.Visits changes a copy`
	u.Visits += 1                 // want `u.Visits changes a copy`
	u.Meta.Updated = time.Now()   // deeper fields may sit behind a pointer: not checked
}

func (u *User) Rename(name string) {
	u.Name = name
}

// A map field is shared between copies: the write is seen by the caller.
func (u User) Tag(tag string) {
	u.Tags[tag] = true
}

// Copy, change, return: deliberate.
func (u User) WithName(name string) User {
	u.Name = name
	return u
}

func (u User) Save(store func(User)) {
	u.Visits = 0
	store(u)
}

func (u User) Greeting() string {
	name := u.Name
	name = "Hi " + name
	return name
}

func (_ User) Blank() {}

func (User) Unnamed() {}

type Counter int

func (c Counter) Reset() {
	c = 0
}

// The copy is used as scratch space: fields are read again after the write.
func (u User) Describe(prefix string) string {
	u.Name = prefix + u.Name
	label := u.Name
	return label
}

type Point struct{ X, Y int }

func (p Point) Sub(q Point) Point { return Point{p.X - q.X, p.Y - q.Y} }

// Computed from the changed copy: deliberate.
func (p Point) Mod(w int) Point {
	p.X = p.X % w
	return p.Sub(Point{})
}
