"""Starting the desktop app: the QApplication, the unlock dialog, the main window.

Qt is imported inside the functions, so that importing this module (as ``tafdesk --help`` may)
does not load Qt. The passphrase is only ever typed into the unlock dialog: no environment
variable opens the encrypted database for the GUI.
"""

from __future__ import annotations

import getpass
import logging
import os
import sys
import traceback
from pathlib import Path
from types import TracebackType
from typing import Any

log = logging.getLogger(__name__)

APP_NAME = "tafdesk"
ORGANISATION = "tafdesk"


def current_user() -> str:
    """The name the audit trail records for changes made in this session."""
    try:
        return getpass.getuser()
    except Exception:  # no login name (some containers and services)
        return "tafdesk user"


def application(argv: list[str] | None = None) -> Any:
    """The one QApplication: the system font and style are left as the user set them."""
    from PySide6.QtWidgets import QApplication

    from .widgets import app_icon

    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName(ORGANISATION)
    app.setDesktopFileName(APP_NAME)
    app.setWindowIcon(app_icon())
    return app


def _show_unexpected(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """An error nobody expected: logged in full, told to the user in a sentence, app keeps running.
    Editors have already kept what was typed (saved, or as a draft)."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    from ..i18n.ui import _

    log.error("unexpected error:\n%s", "".join(traceback.format_exception(kind, exc, tb)))
    parent = QApplication.activeWindow()
    QMessageBox.warning(
        parent, APP_NAME,
        _("Something unexpected went wrong, and what you were doing may not have finished. "
          "What you had typed is kept. If it happens again, restart tafdesk and tell your "
          "support contact: {error}.", error=kind.__name__))


def _open_shared() -> Any | None:
    """A shared database configured by URL (PostgreSQL) opens without the passphrase dialog."""
    from ..models.storage import ENV_URL, open_database

    if not os.environ.get(ENV_URL):
        return None
    from ..models.case_access import current_viewer

    db = open_database()
    try:  # only a user the administrator has added gets in (AccessDenied says why not)
        with db.session() as s:
            current_viewer(s)
    except Exception:
        db.close()
        raise
    return db


LANGUAGE_KEY = "ui/language"


def apply_ui_language(app: Any, chosen: str | None = None) -> str:
    """Choose the app's language: ``chosen`` (--language), else TAFDESK_LANGUAGE, else the
    user's saved choice, else English. Qt's own buttons follow it where Qt ships a translation,
    and Arabic-script languages lay the windows out right to left."""
    from PySide6.QtCore import QLibraryInfo, QSettings, Qt, QTranslator

    from ..i18n.ui import ENV_LANGUAGE, UnknownLanguage, set_ui_language, ui_direction

    saved = QSettings().value(LANGUAGE_KEY, "", type=str)
    try:
        lang = set_ui_language(chosen or os.environ.get(ENV_LANGUAGE) or saved or None)
    except UnknownLanguage:  # a saved choice whose catalogue is gone: English, not a failure
        lang = set_ui_language("en")
    translator = QTranslator(app)
    path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if lang != "en" and translator.load(f"qtbase_{lang.replace('-', '_')}", path):
        app.installTranslator(translator)
    app.setLayoutDirection(Qt.LayoutDirection.RightToLeft if ui_direction() == "rtl"
                           else Qt.LayoutDirection.LeftToRight)
    return lang


def save_ui_language(lang: str) -> None:
    """Remember the user's choice for the next start (it takes effect then)."""
    from PySide6.QtCore import QSettings

    QSettings().setValue(LANGUAGE_KEY, lang)


def run_gui(db_path: Path | None, demo: bool, language: str | None = None) -> int:
    """Run the desktop app until the user quits; the process exit code."""
    from PySide6.QtWidgets import QDialog, QMessageBox

    from ..models.errors import TafdeskError
    from ..models.services.demo import create_demo, find_demo
    from ..models.storage import default_db_path
    from .main_window import MainWindow
    from .unlock import UnlockDialog

    app = application()
    apply_ui_language(app, language)
    previous_hook = sys.excepthook
    if previous_hook is sys.__excepthook__:  # leave a hook someone else installed (a test runner)
        sys.excepthook = _show_unexpected
    try:
        try:
            db = _open_shared() if db_path is None else None
        except TafdeskError as exc:
            QMessageBox.critical(None, APP_NAME, str(exc))
            return 1
        if db is None:
            dialog = UnlockDialog(db_path or default_db_path())
            if dialog.exec() != QDialog.DialogCode.Accepted or dialog.database is None:
                return 0
            db = dialog.database
        try:
            if demo:
                with db.session() as s:
                    if find_demo(s) is None:
                        create_demo(s, user=current_user())
            from .backups import DailyBackups

            backups = DailyBackups(db)
            backups.start()
            window = MainWindow(db, user=current_user())
            window.show()
            code = int(app.exec())
            backups.finish()
            return code
        finally:
            db.close()
    finally:
        sys.excepthook = previous_hook
