"""reportlab renderers: DTO in, PDF bytes out. No Qt here."""
