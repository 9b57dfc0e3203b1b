"""Actor facts as sourced claims (founding, strength, areas of operation,
leaders, goals, allies, rivals, designations), read from a document after
its statements: `find_claims(text, mentions, statements, outlet, published)`.
Profiles (`marsad.profiles`) group them per actor without ever overwriting
one claim with another. `marsad.said.said_in(doc)` reads a document's
statements, claims, figures and actor aliases together, in the pipeline."""
from __future__ import annotations

from marsad.claims.facts import find_claims
from marsad.claims.records import CLAIM_KINDS, Claim

__all__ = ["CLAIM_KINDS", "Claim", "find_claims"]
