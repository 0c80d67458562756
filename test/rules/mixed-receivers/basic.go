package shop

import "fmt"

type Cart struct{ items []string }

func (c *Cart) Add(item string) { c.items = append(c.items, item) }

func (c Cart) Count() int { return len(c.items) } // want `Cart.Count has a value receiver while Add use \*Cart: pick one kind`

func (c Cart) String() string { return fmt.Sprint(c.items) }

type Price int

func (p Price) Cents() int    { return int(p) }
func (p Price) Dollars() int  { return int(p) / 100 }

func (c Cart) Empty() bool { return len(c.items) == 0 } // reported once per type, on Count

type Order struct{ id string }

func (o *Order) ID() string     { return o.id }
func (o *Order) SetID(s string) { o.id = s }

type Box[T any] struct{ v T }

func (b *Box[T]) Set(v T) { b.v = v }
func (b Box[T]) Get() T   { return b.v } // want `Box.Get has a value receiver while Set use \*Box`
