"""Actor profiles: aliases seen, sourced facts grouped by kind and sorted by
date (disagreements side by side), strength estimates over time, areas of
operation as map points, events attributed with their responsibility status,
what the actor says, and who talks about it most.

`actor_profile(store, actor_id)` is what the CLI (`marsad actor`) and the web
API call; it reads the tables ingestion filled and returns JSON-ready data.
"""
from __future__ import annotations

from typing import Any

from marsad.profiles.build import UnknownActor, build_profile, resolve_actor
from marsad.profiles.render import render_text

__all__ = ["UnknownActor", "actor_profile", "render_text", "resolve_actor"]


def actor_profile(store: Any, actor_id: str) -> dict[str, Any]:
    """The profile of the actor named `actor_id` (canonical name, any alias,
    Arabic or English, or slug) in `store` (a `marsad.store.Store`). Raises
    UnknownActor (one-line message) if the knowledge base has no such actor.
    `documents_not_read` counts stored documents not read for statements
    (stored before the statement tables, or added without the pipeline's
    analysis; `marsad actor --read-missing` reads them)."""
    actor = resolve_actor(actor_id)
    profile = build_profile(store.statements.rows, actor)
    profile["documents_not_read"] = len(store.statements.missing())
    return profile
