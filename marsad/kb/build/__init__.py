"""Scripts that generate data tables of `marsad/kb/data/` from installed
packages; their output is committed, so loading never needs them."""
