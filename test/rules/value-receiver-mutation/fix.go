package users

type Account struct {
	Owner   string
	Balance int
}

func (a Account) Deposit(amount int) {
	a.Balance += amount // want `Deposit has a value receiver`
	a.Owner = "x"       // want `a.Owner changes a copy`
}
