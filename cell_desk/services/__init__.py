"""Use cases over the store. No Qt: the GUI, the command line and the tests share them."""
