"""What a document's speakers said, read once per document: its statements,
actor claims, figures and the way it wrote each actor's name.

`said_in(doc)` runs in `marsad.pipeline.analyse` right after the events
stage (statements link claims and denials to events), so that
wherever documents are analysed (`marsad ingest`, a `marsad batch` worker,
`marsad extract`) this is read there too, and the store only writes it
(`marsad.store.statements`). `Said.to_dict` / `from_dict` carry it through
a batch's Parquet shards unchanged.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from marsad.claims.aliases import aliases_of
from marsad.claims.facts import find_claims
from marsad.claims.records import Claim
from marsad.model import Document, Mention
from marsad.statements import Figure, Statement, find_figures, find_statements
from marsad.statements.view import View
from marsad.text import layer_of


@dataclass(frozen=True)
class Said:
    """A document's statements, claims, figures and actor aliases
    ((actor, name as written) -> how often)."""

    statements: list[Statement]
    claims: list[Claim]
    figures: list[Figure]
    aliases: dict[tuple[str, str], int]

    def to_dict(self) -> dict[str, Any]:
        return {"statements": [s.to_dict() for s in self.statements],
                "claims": [c.to_dict() for c in self.claims],
                "figures": [f.to_dict() for f in self.figures],
                "aliases": [[actor, alias, n] for (actor, alias), n in self.aliases.items()]}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Said:
        """The Said `to_dict` gave."""
        return cls([Statement.from_dict(s) for s in d["statements"]], [Claim.from_dict(c) for c in d["claims"]],
                   [Figure.from_dict(f) for f in d["figures"]],
                   {(actor, alias): n for actor, alias, n in d["aliases"]})


def said_in(doc: Document, names: list[Mention] | None = None) -> Said:
    """The statements, claims, figures and actor aliases of an analysed
    `doc`, from its clean text, mentions and events. Each statement's speaker
    is the learned choice among the candidates the text offers
    (`marsad.statements.choice`); `names` (the NER model's, when the
    pipeline runs it) add candidates, and the model trained with them
    chooses."""
    layer = layer_of(doc)
    view = View.of(layer, doc.mentions)  # the statements and the claims read the same one
    statements = find_statements(layer, doc.mentions, doc.outlet, doc.published, doc.events, view, names)
    claims = find_claims(layer, doc.mentions, statements, doc.outlet, doc.published, view)
    figures = find_figures(layer, doc.mentions, statements, doc.events, doc.published)
    return Said(statements, claims, figures, aliases_of(layer, doc.mentions))
