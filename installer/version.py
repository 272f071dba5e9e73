"""Write the Inno Setup include with tafdesk's version, so the installer never states another.

    python installer/version.py OUT.iss     (build.sh writes build/installer/version.iss)

tafdesk.iss has ``#include "version.iss"`` and uses ``{#AppVersion}``.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def package_version() -> str:
    """``__version__`` read from tafdesk/__init__.py without importing the app."""
    text = (ROOT / "tafdesk" / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'^__version__ = "([^"]+)"', text, re.MULTILINE)
    if found is None:
        raise SystemExit("tafdesk/__init__.py has no __version__ line")
    return found.group(1)


def include_text(version: str) -> str:
    # Windows wants a numeric file version (a.b.c.d); a pre-release suffix such as 0.2.0rc1 keeps its digits.
    numbers = [int(n) for n in re.findall(r"\d+", version)[:4]]
    numeric = ".".join(str(n) for n in (numbers + [0, 0, 0, 0])[:4])
    return f'#define AppVersion "{version}"\n#define AppNumericVersion "{numeric}"\n'


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    out = Path(argv[0])
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(include_text(package_version()), encoding="utf-8")
    print(f"{out}: tafdesk {package_version()}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
