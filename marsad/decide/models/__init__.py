"""The shipped decision models: JSON weights written by `marsad train events` (data only)."""
