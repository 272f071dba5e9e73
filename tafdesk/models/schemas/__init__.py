"""pydantic v2 schemas for every boundary: the case transfer file and the forms."""
