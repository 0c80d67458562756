package orders

import stdctx "context"

func Aliased(id string, ctx stdctx.Context) {} // want `first parameter of Aliased`
