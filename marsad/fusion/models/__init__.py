"""The shipped pair model of fusion: JSON weights written by `marsad train fusion` (data only)."""
