#!/usr/bin/env bash
# Build the one-folder tafdesk bundle with PyInstaller, and its Linux archive.
#
#   bash installer/build.sh
#
# Result: dist/tafdesk/ (run dist/tafdesk/tafdesk), dist/tafdesk-VERSION-linux-ARCH.tar.gz
# (on Linux), and build/installer/version.iss for the Windows installer (tafdesk.iss).
# Needs the set-up of `bash installer/debian.sh app` (.venv with tafdesk); installs PyInstaller
# into .venv from PyPI when it is missing. Check the result with `bash installer/smoke_test.sh`.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
py=.venv/bin/python
[ -x "$py" ] || py=.venv/Scripts/python.exe  # Git Bash on Windows
if [ ! -x "$py" ]; then
  echo "No .venv: run 'bash installer/debian.sh app' (or create .venv and pip install .) first." >&2
  exit 1
fi
if ! "$py" -c "import PyInstaller" 2>/dev/null; then
  echo "Installing PyInstaller into .venv"
  "$py" -m pip install -q "pyinstaller>=6.10"
fi
start=$(date +%s)
"$py" installer/icons.py build/installer >/dev/null
"$py" installer/version.py build/installer/version.iss >/dev/null
version="$("$py" -c 'import sys; sys.path.insert(0, "installer"); import version; print(version.package_version())')"
"$py" -m PyInstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller installer/tafdesk.spec
case "$(uname -s)" in
  Linux)
    cp installer/tafdesk.desktop resources/icons/tafdesk.svg build/installer/tafdesk.png dist/tafdesk/
    archive="dist/tafdesk-$version-linux-$(uname -m).tar.gz"
    tar -C dist -czf "$archive" tafdesk
    echo "archive: $archive ($(du -h "$archive" | cut -f1))"
    ;;
esac
echo "bundle:  dist/tafdesk/ ($(du -sh dist/tafdesk | cut -f1)), built in $(( $(date +%s) - start )) s"
