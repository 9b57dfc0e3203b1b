"""The CRF NER model: CRF weights, word clusters, gazetteer, counts and meta.json (data only)."""
