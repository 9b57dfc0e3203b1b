"""One document's text as every stage reads it: normalised once, cut into
tokens once, split into sentences and clauses once.

Like spaCy's `Doc`, the layer is built once per document and the stages read
it. The rules match on the normalised text but report spans in the clean
text (the contract's evidence offsets), so each token is kept in both. Date
expressions are read here too, because two stages need all of them: figures
(a day or a year is not a count) and dates.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from marsad.arabic.normalize import Normalized
from marsad.arabic.tokens import Tokenized, tokenize
from marsad.text.sentences import Sentence, split

if TYPE_CHECKING:
    from marsad.arabic.dates import RawDate
    from marsad.model import Document


@dataclass(eq=False)
class TextLayer:
    """The clean `text`, its normalised form (`tokens.normalized`), its tokens
    (offsets in the normalised text: `tokens`; in the clean text: `starts`,
    `ends`) and its sentences. Read only once built."""

    text: str
    tokens: Tokenized
    starts: list[int]
    ends: list[int]
    sentences: list[Sentence] = field(repr=False)

    @classmethod
    def of(cls, text: "str | TextLayer") -> TextLayer:
        """The layer of `text` (a layer is returned as it is): what the
        stage functions call on their argument, so that they take a layer
        from the pipeline and a plain string from a test or a script."""
        if isinstance(text, TextLayer):
            return text
        tk = tokenize(text)
        index = tk.normalized.index
        starts = list(map(index.__getitem__, tk.starts))
        ends = [index[e - 1] + 1 for e in tk.ends]  # Normalized.span, inlined
        return cls(text, tk, starts, ends, split(text))

    @property
    def normalized(self) -> Normalized:
        return self.tokens.normalized

    @property
    def words(self) -> list[str]:
        """The normalised form of each token."""
        return self.tokens.words

    @cached_property
    def dates(self) -> tuple["RawDate", ...]:
        """Every date expression of the normalised text, resolvable or not
        (`marsad.arabic.dates.scan`)."""
        from marsad.arabic.dates import scan  # dates reads its tables when first used

        return scan(self.normalized.text)


def layer_of(doc: "Document") -> TextLayer:
    """The document's layer, built when first asked for and kept on the
    document (`Document.layer`) for the stages after."""
    if doc.layer is None or doc.layer.text is not doc.text:
        doc.layer = TextLayer.of(doc.text)
    return doc.layer
