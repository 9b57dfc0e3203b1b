"""The default NER model: the fine-tuned upper layers of multilingual-e5-small and meta.json (data only)."""
