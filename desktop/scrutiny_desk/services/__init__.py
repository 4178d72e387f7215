"""Use cases over the store, with no Qt: the GUI and the command line both call these."""
