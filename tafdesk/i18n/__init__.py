"""Catalogues, locale formatting, fonts and script direction. No Qt here."""
