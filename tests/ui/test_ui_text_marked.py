"""Every piece of fixed UI text goes through the catalogue: a scan of tafdesk/ui for Qt calls that
show text (titles, labels, buttons, menus, tooltips, accessible names, placeholders, status
messages, message boxes) given a bare English literal, an f-string or a sentence glued from pieces
instead of ``_("...")``; and for ``_()`` run at import time, before the user's language is chosen."""

from __future__ import annotations

import ast
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "tafdesk" / "ui"

#: Methods whose string arguments a person reads (or a screen reader speaks).
TEXT_METHODS = frozenset({
    "setText", "setWindowTitle", "setToolTip", "setStatusTip", "setWhatsThis", "setAccessibleName",
    "setAccessibleDescription", "setPlaceholderText", "showMessage", "setTitle", "addTab", "insertTab",
    "setTabText", "setTabToolTip", "setHeaderLabels", "setHorizontalHeaderLabels",
    "setVerticalHeaderLabels", "addAction", "addMenu", "addItem", "addItems", "insertItem", "setItemText",
    "addRow", "insertRow", "setLabelText", "setInformativeText", "setDetailedText", "setSpecialValueText",
    "setSuffix", "setPrefix", "setButtonText", "setCancelButtonText", "setOkButtonText", "addButton",
    "setIconText", "setHtml", "setPlainText", "setNameFilter", "setFormat",
    "warning", "critical", "information", "question", "about",  # of QMessageBox (not a logger)
    "getText", "getItem", "getInt", "getDouble", "getOpenFileName", "getSaveFileName",
    "getExistingDirectory",
})
#: Widgets whose constructor takes the text they show.
TEXT_CONSTRUCTORS = frozenset({
    "QLabel", "QPushButton", "QToolButton", "QCheckBox", "QRadioButton", "QGroupBox", "QAction",
    "QMenu", "QMessageBox", "QCommandLinkButton", "QListWidgetItem", "QTreeWidgetItem",
    "QStandardItem", "QTableWidgetItem", "QProgressDialog", "QDockWidget", "QWizardPage",
    # tafdesk's own helpers (ui/widgets.py) that show or speak their text
    "heading", "announce", "add_context_action",
})
MESSAGE_BOX = frozenset({"warning", "critical", "information", "question", "about"})
#: Keyword arguments that are never shown (shortcuts, names, data).
NOT_TEXT_KEYWORDS = frozenset({"shortcut", "objectName", "data", "userData", "icon"})

#: Modules still being marked for translation in another piece of work; remove each as it is done.
PENDING: frozenset[str] = frozenset({
    # Glues the reading-age warning and a translated sentence with "+" (line ~171): to be made
    # whole sentences by the plan editor's owner.
    "child_words.py",
})


def _is_text(value: str) -> bool:
    """A literal a person would read: it has letters (not '', '—', '%', '…')."""
    return any(ch.isalpha() for ch in value)


def _bare_text(node: ast.AST) -> str | None:
    """Why ``node`` is untranslated text, or None when it is not (a name, ``_()``, a number)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and _is_text(node.value):
        return repr(node.value)
    if isinstance(node, ast.JoinedStr) and any(  # words in it ("{a} \u2013 {b}" has none)
            isinstance(n, ast.Constant) and isinstance(n.value, str) and _is_text(n.value)
            for n in node.values):
        return "f-string"
    if isinstance(node, ast.BinOp) and any(
            isinstance(n, ast.Constant) and isinstance(n.value, str) and _is_text(n.value)
            for n in ast.walk(node)):
        return "text glued with +/%"
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Constant) and isinstance(node.func.value.value, str)
            and _is_text(node.func.value.value)):
        return f"{node.func.value.value!r}.{node.func.attr}()"
    if isinstance(node, (ast.List, ast.Tuple)):
        for item in node.elts:
            if (why := _bare_text(item)) is not None:
                return why
    if isinstance(node, ast.IfExp):
        return _bare_text(node.body) or _bare_text(node.orelse)
    return None


def _call_name(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    if isinstance(call.func, ast.Name):
        return call.func.id
    return None


def _call_name_of(node: ast.AST) -> str | None:
    """``QMessageBox`` of ``QMessageBox.warning`` (``log`` of ``log.warning``)."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


class _Scan(ast.NodeVisitor):
    def __init__(self, name: str) -> None:
        self.name = name
        self.depth = 0  # inside a function (run time) when > 0
        self.found: list[str] = []

    def _where(self, node: ast.AST) -> str:
        return f"{self.name}:{getattr(node, 'lineno', '?')}"

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        for default in [*node.args.defaults, *node.args.kw_defaults]:  # evaluated at import time
            if default is not None:
                self.visit(default)
        self.depth += 1
        for stmt in node.body:
            self.visit(stmt)
        self.depth -= 1

    visit_AsyncFunctionDef = visit_FunctionDef  # type: ignore[assignment]

    def visit_Lambda(self, node: ast.Lambda) -> None:
        self.depth += 1
        self.visit(node.body)
        self.depth -= 1

    def visit_Call(self, node: ast.Call) -> None:
        name = _call_name(node)
        if name == "_":
            if self.depth == 0:
                self.found.append(f"{self._where(node)}: _() at import time, before the language is chosen")
            if node.args and not isinstance(node.args[0], (ast.Constant, ast.Name, ast.Attribute,
                                                            ast.Subscript, ast.Call)):
                self.found.append(f"{self._where(node)}: _() of an expression (f-string or pieces)")
        elif (isinstance(node.func, ast.Attribute) and name in TEXT_METHODS and not (
                name in MESSAGE_BOX and _call_name_of(node.func.value) != "QMessageBox")) or (
                isinstance(node.func, ast.Name) and name in TEXT_CONSTRUCTORS):
            args = [*node.args, *(k.value for k in node.keywords if k.arg not in NOT_TEXT_KEYWORDS)]
            for arg in args:
                if (why := _bare_text(arg)) is not None:
                    self.found.append(f"{self._where(node)}: {name}() shows {why} untranslated")
        self.generic_visit(node)


def untranslated(path: Path) -> list[str]:
    scan = _Scan(path.name)
    scan.visit(ast.parse(path.read_text(encoding="utf-8")))
    return scan.found


def test_fixed_ui_text_goes_through_the_catalogue() -> None:
    found = [line for path in sorted(UI.glob("*.py")) if path.name not in PENDING
             for line in untranslated(path)]
    assert found == [], "UI text not marked with _():\n" + "\n".join(found)
    assert len([p for p in UI.glob("*.py") if p.name not in PENDING]) > 20


def test_the_scan_finds_bare_glued_and_import_time_text(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from tafdesk.i18n.ui import _, N_\n"
        "TITLE = N_('Cases')\n"
        "EAGER = _('Too early')\n"
        "def build(w, name, n):\n"
        "    w.setWindowTitle('Cases')\n"
        "    w.setToolTip(f'Open {name}')\n"
        "    w.setText('Saved ' + name)\n"
        "    QLabel('Child:')\n"
        "    w.setHeaderLabels(['Name', _('Born')])\n"
        "    w.setText(_(f'Hello {name}'))\n"
        "    w.setText(_('Saved {name}', name=name))\n"
        "    w.setText(_(TITLE))\n"
        "    w.setText('')\n"
        "    w.setObjectName('cases')\n"
        "    w.addAction(_('&Open'), QKeySequence('Ctrl+O'))\n"
        "    QLabel(str(n))\n"
        "    w.addItem(f'{name} \u2013 {n}')\n"
        "    log.warning('not shown to anyone')\n"
        "    QMessageBox.warning(w, 'tafdesk', 'Shown')\n", encoding="utf-8")
    lines = {int(line.split(":")[1]) for line in untranslated(sample)}
    assert lines == {3, 5, 6, 7, 8, 9, 10, 19}
