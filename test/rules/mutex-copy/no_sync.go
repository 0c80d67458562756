package geometry

// No locks anywhere: plain structs are copied freely.
type Point struct{ X, Y int }

func (p Point) Add(q Point) Point { return Point{p.X + q.X, p.Y + q.Y} }

func use(ps []Point) Point {
	var sum Point
	for _, p := range ps {
		sum = sum.Add(p)
	}
	copy := sum
	return copy
}
