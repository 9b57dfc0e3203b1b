"""The default NER model: CRF weights, word clusters, gazetteer and meta.json (data only)."""
