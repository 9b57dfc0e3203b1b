"""Word lists the NER trainer reads (data only; a package so that setuptools ships its files)."""
