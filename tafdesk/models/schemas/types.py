"""Constrained field types shared by the schemas."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field, StringConstraints


def _no_control(value: str) -> str:
    # NUL and other C0 controls (bar tab and newlines) are never legitimate in a case record,
    # and PostgreSQL refuses NUL outright.
    bad = [c for c in value if ord(c) < 32 and c not in "\t\n\r"]
    if bad:
        raise ValueError("contains control characters")
    if any("\ud800" <= c <= "\udfff" for c in value):  # half of a character: not storable text
        raise ValueError("contains broken characters (half of a character pair)")
    return value


Id = Annotated[str, StringConstraints(pattern=r"^[0-9A-Za-z][0-9A-Za-z_-]{0,35}$")]
CleanText = Annotated[str, Field(max_length=200_000), AfterValidator(_no_control)]


def short_text(length: int) -> object:
    return Annotated[str, Field(max_length=length), AfterValidator(_no_control)]
