#!/usr/bin/env bash
# Set up tafdesk on Debian 12 (Python 3.11) and either start it or run the tests.
#
#   bash installer/debian.sh app    # system packages, .venv, tafdesk; then start the app (demo family offered)
#   bash installer/debian.sh test   # the same, plus test dependencies; then run the whole test suite
#   bash installer/debian.sh bench  # the test packages plus LibreOffice; then run every benchmark (bench/run.py)
#
# System packages are installed with apt-get (through sudo when not root) only when missing,
# so a second run starts at once.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
mode="${1:-app}"
shift || true

# Libraries offscreen and windowed Qt needs, a font with wide script coverage, and what the tests use.
app_pkgs=(python3-venv libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libfreetype6
  libdbus-1-3 libglib2.0-0 libx11-6 libx11-xcb1 libxcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0
  libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-shm0 libxcb-sync1
  libxcb-xfixes0 libxcb-xkb1 fonts-noto-core fonts-dejavu-core libcups2)
test_pkgs=(xvfb xauth poppler-utils postgresql graphviz desktop-file-utils)
# bench/run.py: LibreOffice for the family-pack comparison (plus the test packages).
bench_pkgs=(libreoffice-writer-nogui)

pkgs=("${app_pkgs[@]}")
[ "$mode" = "test" ] || [ "$mode" = "bench" ] && pkgs+=("${test_pkgs[@]}")
[ "$mode" = "bench" ] && pkgs+=("${bench_pkgs[@]}")

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "Installing system packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

py="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$py" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
case "$mode" in
  app)
    .venv/bin/python -m pip install -q -e .
    exec .venv/bin/tafdesk --demo "$@"
    ;;
  test)
    .venv/bin/python -m pip install -q -e ".[test,postgres]"
    # One worker per core (each starts its own throw-away PostgreSQL when a test asks for one).
    exec .venv/bin/python -m pytest -n auto "$@"
    ;;
  bench)
    .venv/bin/python -m pip install -q -e ".[postgres,bench]"
    exec .venv/bin/python bench/run.py "$@"
    ;;
  *)
    echo "usage: bash installer/debian.sh app|test|bench" >&2
    exit 2
    ;;
esac
