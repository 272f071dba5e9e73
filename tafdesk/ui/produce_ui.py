"""Saving a document from an editor: one path for every "Save as PDF" button.

It renders through ``documents.produce`` (large print for any kind), writes the file readable by
the user only, and records it in the case's document ledger, so a copy saved from the plan,
assessment, genogram, ending or child's plan editors is listed with those made in the Documents
dialog or by ``tafdesk render``. A failure returns a sentence for the user and records nothing.
"""

from __future__ import annotations

from pathlib import Path

from ..documents.produce import kind_by_key, record_produced, render_document
from ..documents.registry import RenderOptions
from ..i18n.ui import _
from ..models import vocab as v
from ..models.errors import TafdeskError
from .ops import CaseOps


def save_document(ops: CaseOps, case_id: str, key: str, options: RenderOptions, path: Path) -> str | None:
    """Render ``key`` for the case into ``path`` and record it; None, or why it failed."""
    from ..cli import _write_private

    try:
        kind = kind_by_key(key)
        pdf = ops.read(lambda s: render_document(s, case_id, kind, options))
    except TafdeskError as exc:
        return _("The document could not be made: {problem}", problem=str(exc))
    try:
        _write_private(path, pdf)
    except OSError as exc:
        return _("The PDF could not be saved: {problem}.", problem=exc.strerror or str(exc))
    try:
        with ops.db.session() as s:
            if ops.viewer is not None:
                from ..models.case_access import check_change

                check_change(s, ops.viewer, case_id)
            record_produced(s, case_id, kind, options, pdf, user=ops.user, format=v.DocumentFormat.PDF)
    except TafdeskError as exc:
        return _("It was produced, but could not be recorded in the ledger: {problem}", problem=str(exc))
    ops.changed.emit(case_id, {"documents"})
    return None
