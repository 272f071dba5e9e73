"""tafdesk: early help case records, family plans and Team Around the Family meetings."""

__version__ = "0.1.0"


def _install_rlbidi() -> None:
    # reportlab checks once, when its text object is first imported, for a module named
    # "rlbidi"; ours (tafdesk/documents/rlbidi.py) must be in place before anything imports it.
    from tafdesk.documents.rlbidi import install

    install()


_install_rlbidi()
