"""The documents tafdesk can make from a stored case, found by looking through this package.

A renderer module declares ``DOCUMENT_KINDS = [DocumentKind(...)]``; ``tafdesk render`` and the
app list and call them from here, so adding a document touches no shared file.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from sqlalchemy.orm import Session


@dataclass(frozen=True)
class RenderOptions:
    """Choices a user makes when producing a document; each kind says which it takes."""

    family_copy: bool = False  # leave out what may not be shared with the family
    language: str = "en"
    bilingual: bool = False
    child_id: str | None = None
    meeting_number: int | None = None
    large_print: bool = False
    today: object | None = None  # a date, for documents that say when they were produced
    agency_id: str | None = None  # the partner agency a professional document goes to


@dataclass(frozen=True)
class DocumentKind:
    key: str  # the --doc name, e.g. "assessment"
    title: str
    render: Callable[[Session, str, RenderOptions], bytes]  # (session, case id, options) -> PDF
    options: frozenset[str] = field(default_factory=frozenset)  # RenderOptions fields it uses
    # Who reads it (``redaction``): "family" (always the family's copy), "both" (the full record,
    # or the family's copy with ``family_copy``) or "professional" (never the family's).
    audience: str = "family"


@cache
def document_kinds() -> dict[str, DocumentKind]:
    import tafdesk.documents as pkg

    kinds: dict[str, DocumentKind] = {}
    for mod in pkgutil.iter_modules(pkg.__path__, pkg.__name__ + "."):
        module = importlib.import_module(mod.name)
        for kind in getattr(module, "DOCUMENT_KINDS", ()):
            if kind.key in kinds:
                raise RuntimeError(f"two documents are called {kind.key!r}")
            kinds[kind.key] = kind
    return dict(sorted(kinds.items()))
