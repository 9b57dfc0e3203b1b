-- A document's mentions (names, figures, dates: JSON, as `Mention.to_dict`
-- gives them), written by `Store.add` with the document, so that the document
-- page and the statement backfill read them instead of finding them again.
-- NULL for documents stored before this column or without analysis: readers
-- find those documents' mentions again (`marsad.pipeline.said_in_stored`).
ALTER TABLE documents ADD COLUMN mentions TEXT;
