"""The PySide6 desktop front end: windows, editors, item models, undo and autosave.

Nothing outside this package imports it except ``tafdesk.cli`` (through ``app.run_gui``).
"""
