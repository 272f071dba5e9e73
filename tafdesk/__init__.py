"""tafdesk: early help case records, family plans and Team Around the Family meetings."""

__version__ = "0.1.0"
