"""The installer files agree with the source tree: the PyInstaller spec bundles every resource
folder, the migration scripts and every package whose modules are found at run time; the Windows
installer's version comes from tafdesk.__version__; the Linux .desktop file is valid.

(The built bundle itself is checked by installer/smoke_test.sh, too slow for the test suite.)
"""

from __future__ import annotations

import ast
import importlib.util
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import tafdesk

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "installer" / "tafdesk.spec"


def _spec_list(name: str) -> list[str]:
    for node in ast.parse(SPEC.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == name for t in node.targets):
            return list(ast.literal_eval(node.value))
    raise AssertionError(f"{SPEC.name} has no {name} = [...]")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _resolve(tree: ast.Module, module: str, is_package: bool, name: str) -> str | None:
    """The dotted module bound to ``name`` by an import in ``tree`` (``import a.b as name``,
    ``from . import name``, ``from a import name``)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if (alias.asname or alias.name.split(".")[0]) == name:
                    return alias.name if alias.asname else name
        elif isinstance(node, ast.ImportFrom):
            for alias in node.names:
                if (alias.asname or alias.name) == name:
                    base = module.split(".") if is_package else module.split(".")[:-1]
                    if node.level:
                        base = base[: len(base) - node.level + 1]
                        prefix = ".".join(base + ([node.module] if node.module else []))
                    else:
                        prefix = node.module or ""
                    return f"{prefix}.{alias.name}"
    return None


def discovered_packages() -> set[str]:
    """Every package whose modules tafdesk finds with ``pkgutil.iter_modules(pkg.__path__)``."""
    found: set[str] = set()
    for path in sorted((ROOT / "tafdesk").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", None))
                    == "iter_modules"):
                continue
            arg = node.args[0] if node.args else None
            assert (isinstance(arg, ast.Attribute) and arg.attr == "__path__" and isinstance(arg.value, ast.Name)), (
                f"{path.relative_to(ROOT)}:{node.lineno}: iter_modules over something other than "
                "a package's __path__; teach this test and the spec about it")
            package = _resolve(tree, _module_name(path), path.name == "__init__.py", arg.value.id)
            assert package, f"{path.relative_to(ROOT)}:{node.lineno}: cannot tell which package {arg.value.id} is"
            found.add(package)
    return found


def test_the_discovery_scan_finds_the_known_packages() -> None:
    # documents (registry) and commands (cli) are found this way; the scan must see at least those
    assert {"tafdesk.documents", "tafdesk.commands"} <= discovered_packages()


def test_spec_collects_every_package_discovered_at_run_time() -> None:
    assert set(_spec_list("DISCOVERED_PACKAGES")) == discovered_packages()
    text = SPEC.read_text(encoding="utf-8")
    assert "for package in DISCOVERED_PACKAGES:\n    hiddenimports += collect_submodules(package)" in text


def test_spec_bundles_every_resource_folder() -> None:
    folders = {p.name for p in (ROOT / "resources").iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert set(_spec_list("RESOURCE_DIRS")) == folders
    text = SPEC.read_text(encoding="utf-8")
    assert '(str(ROOT / "resources" / "__init__.py"), "tafdesk/resources")' in text  # resource_path() lives there
    assert '(str(ROOT / "resources" / folder), f"tafdesk/resources/{folder}")' in text


def test_spec_bundles_every_migration_file_alembic_reads() -> None:
    text = SPEC.read_text(encoding="utf-8")
    migrations = ROOT / "tafdesk" / "migrations"
    for entry in migrations.iterdir():
        if entry.name in ("__init__.py", "__pycache__"):
            continue
        assert f'ROOT / "tafdesk" / "migrations" / "{entry.name}"' in text, entry.name


@pytest.mark.parametrize("module", ["uharfbuzz", "bidi.algorithm", "sqlcipher3", "argon2", "platformdirs"])
def test_spec_names_the_libraries_imported_lazily(module: str) -> None:
    assert module in _spec_list("hiddenimports")


def _version_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("installer_version", ROOT / "installer" / "version.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_windows_installer_version_is_the_package_version(tmp_path: Path) -> None:
    out = tmp_path / "version.iss"
    subprocess.run([sys.executable, str(ROOT / "installer" / "version.py"), str(out)], check=True,
                   capture_output=True)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert f'#define AppVersion "{tafdesk.__version__}"' in lines
    numeric = next(ln for ln in lines if ln.startswith("#define AppNumericVersion"))
    assert numeric.split('"')[1].split(".")[:3] == tafdesk.__version__.split(".")[:3]
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["version"] == tafdesk.__version__
    iss = (ROOT / "installer" / "tafdesk.iss").read_text(encoding="utf-8")
    assert '#include "..\\build\\installer\\version.iss"' in iss
    assert "AppVersion={#AppVersion}" in iss
    assert tafdesk.__version__ not in iss  # never typed by hand


def test_numeric_version_of_a_pre_release() -> None:
    assert '#define AppNumericVersion "1.2.0.1"' in _version_module().include_text("1.2.0rc1")


def test_desktop_file() -> None:
    path = ROOT / "installer" / "tafdesk.desktop"
    entries = dict(line.split("=", 1) for line in path.read_text(encoding="utf-8").splitlines() if "=" in line)
    assert entries["Exec"] == "tafdesk" and entries["Icon"] == "tafdesk" and entries["Type"] == "Application"
    validate = shutil.which("desktop-file-validate")
    if validate is None:
        pytest.skip("desktop-file-validate is not installed (apt-get install desktop-file-utils)")
    result = subprocess.run([validate, str(path)], capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout
