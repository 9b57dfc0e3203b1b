"""Trained NER models shipped with marsad (data only; a package so that setuptools ships its files)."""
