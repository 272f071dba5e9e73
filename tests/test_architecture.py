"""The core (models, documents, i18n) never imports Qt."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "tafdesk"
CORE = ("models", "documents", "i18n")


def test_core_sources_do_not_import_pyside6() -> None:
    offenders = []
    for sub in CORE:
        for path in (PACKAGE / sub).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                names = []
                if isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module:
                    names = [node.module]
                offenders += [f"{path.relative_to(PACKAGE)}: {n}" for n in names
                              if n.split(".")[0] in ("PySide6", "shiboken6", "PyQt5", "PyQt6")]
    assert offenders == []
    assert sum(1 for sub in CORE for _ in (PACKAGE / sub).rglob("*.py")) > 10


def test_importing_the_core_loads_no_qt() -> None:
    code = (
        "import importlib, pkgutil, sys, tafdesk.models, tafdesk.documents, tafdesk.i18n, tafdesk.cli\n"
        "for pkg in (tafdesk.models, tafdesk.documents, tafdesk.i18n):\n"
        "    for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "        importlib.import_module(m.name)\n"
        "print(sorted(k for k in sys.modules if k.startswith(('PySide6', 'shiboken6'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
