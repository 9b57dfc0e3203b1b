"""The shipped speaker model (`marsad train statements` writes it)."""
