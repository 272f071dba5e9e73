#!/usr/bin/env bash
# Smoke test of the built bundle (bash installer/build.sh first):
#
#   bash installer/smoke_test.sh [BUNDLE_DIR]     (default dist/tafdesk)
#
# Everything runs in a throw-away home folder, so the data folder tafdesk chooses (platformdirs:
# $XDG_DATA_HOME/tafdesk/tafdesk.db on Linux) and its settings are temporary; the passphrase comes
# from TAFDESK_PASSPHRASE. Checks, with the bundle's own executable (no Python from .venv inside):
#  1. --version states the package version;
#  2. `tafdesk demo` creates the encrypted database (migrations run from the bundled scripts);
#  3. the plan renders in English and Polish (catalogues, fonts), and Arabic (shaping, bidi),
#     with the expected words extractable by pdftotext;
#  4. `render --doc list` names the same document kinds as the source tree (modules found at run
#     time with pkgutil), and `deadlines` works (bank holidays);
#  5. the app itself: under Xvfb with xdotool it starts, shows "Unlock tafdesk", is unlocked by
#     typing the passphrase, shows the main window, and quits with Ctrl+Q and exit status 0.
#     Without Xvfb/xdotool (apt-get install xvfb xdotool) it only checks that the app starts
#     offscreen and is still waiting at the unlock dialog after 10 s, with nothing on stderr.
# The app has no test-only start-up flag: the GUI is driven as a person would drive it.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bundle="$(cd "${1:-$here/dist/tafdesk}" && pwd)"
exe="$bundle/tafdesk"
[ -x "$exe" ] || { echo "No bundle at $bundle: run bash installer/build.sh first." >&2; exit 1; }
for tool in pdftotext; do
  command -v "$tool" >/dev/null || { echo "Needs $tool (apt-get install poppler-utils)." >&2; exit 1; }
done

tmp="$(mktemp -d)"
xvfb_pid=""
app_pid=""
cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || true
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT
export HOME="$tmp/home" XDG_DATA_HOME="$tmp/home/data" XDG_CONFIG_HOME="$tmp/home/config"
export XDG_CACHE_HOME="$tmp/home/cache" XDG_STATE_HOME="$tmp/home/state"
mkdir -p "$HOME"
export TAFDESK_PASSPHRASE="smoke test passphrase"
export QT_QPA_PLATFORM=offscreen
unset TAFDESK_DATABASE_URL TAFDESK_LANGUAGE TAFDESK_SETTINGS 2>/dev/null || true
step() { printf '%-58s' "$1"; }
ok() { echo "ok${1:+ ($1)}"; }
fail() { echo "FAILED: $1" >&2; exit 1; }
since() { awk -v a="$(date +%s.%N)" -v b="$1" 'BEGIN { printf "%.1f", a - b }'; }  # seconds since $1

step "version"
want="$(sed -n 's/^__version__ = "\(.*\)"/\1/p' "$here/tafdesk/__init__.py")"
got="$("$exe" --version)"
[ "$got" = "tafdesk $want" ] || fail "--version said '$got', expected 'tafdesk $want'"
ok "$got"

step "demo family in a new encrypted database"
t0=$(date +%s.%N)
out="$("$exe" demo)" || fail "tafdesk demo"
ref="$(cut -f1 <<<"$out")"
db="$XDG_DATA_HOME/tafdesk/tafdesk.db"
[ -s "$db" ] || fail "no database at $db"
head -c 16 "$db" | grep -q "SQLite format" && fail "the database is not encrypted"
ok "$ref, $(since "$t0") s"

check_pdf() {  # FILE WORDS...
  local file="$1" text
  shift
  [ "$(head -c 5 "$file")" = "%PDF-" ] || fail "$file is not a PDF"
  text="$(pdftotext "$file" - | tr -s '[:space:]' ' ')"
  for w in "$@"; do grep -qF -- "$w" <<<"$text" || fail "'$w' is not in $file"; done
}
step "plan PDF (English)"
t0=$(date +%s.%N)
"$exe" render "$ref" --doc plan --out "$tmp/plan.pdf" >/dev/null || fail "render plan"
check_pdf "$tmp/plan.pdf" "Family plan" "Carter-Nowak" "$ref" "OFFICIAL-SENSITIVE" "Page 1 of"
pdffonts "$tmp/plan.pdf" 2>/dev/null | grep -q "NotoSans" || fail "Noto Sans is not embedded in the plan"
ok "$(since "$t0") s, $(pdfinfo "$tmp/plan.pdf" | awk '/^Pages/ {print $2}') pages"
step "plan PDF (Polish catalogue)"
"$exe" render "$ref" --doc plan --lang pl --out "$tmp/plan-pl.pdf" >/dev/null || fail "render plan --lang pl"
check_pdf "$tmp/plan-pl.pdf" "Plan dla rodziny" "Carter-Nowak"
ok
step "plan PDF (Arabic: shaping and right-to-left)"
"$exe" render "$ref" --doc plan --lang ar --out "$tmp/plan-ar.pdf" >/dev/null || fail "render plan --lang ar"
check_pdf "$tmp/plan-ar.pdf" "Carter-Nowak" "$ref"
pdffonts "$tmp/plan-ar.pdf" 2>/dev/null | grep -q "NotoNaskhArabic" || fail "no Arabic font in the Arabic plan"
ok

step "document kinds found at run time"
bundled="$("$exe" render "$ref" --doc list | cut -f1 | sort | tr '\n' ' ')"
if [ -x "$here/.venv/bin/python" ]; then
  source_kinds="$(cd "$here" && .venv/bin/python -c 'from tafdesk.documents.registry import document_kinds; print("\n".join(document_kinds()))' | sort | tr '\n' ' ')"
  [ "$bundled" = "$source_kinds" ] || fail "the bundle knows [$bundled], the source tree [$source_kinds]: rebuild"
fi
ok "$(wc -w <<<"$bundled") kinds"
step "deadlines (England's bank holidays)"
"$exe" deadlines "$ref" >"$tmp/deadlines.txt" || fail "tafdesk deadlines"
ok "$(wc -l <"$tmp/deadlines.txt") lines"

step "the app: start, unlock, main window, quit"
if command -v Xvfb >/dev/null && command -v xdotool >/dev/null; then
  n=90
  while [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ]; do n=$((n + 1)); done
  Xvfb ":$n" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
  xvfb_pid=$!
  export DISPLAY=":$n"
  for _ in $(seq 50); do xdotool getdisplaygeometry >/dev/null 2>&1 && break; sleep 0.1; done
  t0=$(date +%s.%N)
  env -u TAFDESK_PASSPHRASE QT_QPA_PLATFORM=xcb "$exe" --db "$db" --language en 2>"$tmp/app.err" &
  app_pid=$!
  wid="$(timeout 60 xdotool search --sync --onlyvisible --name '^Unlock tafdesk$' | head -1)" \
    || fail "no unlock window within 60 s: $(tail -c 400 "$tmp/app.err")"
  unlock_s="$(since "$t0")"
  xdotool windowfocus --sync "$wid"
  xdotool type --delay 5 "$TAFDESK_PASSPHRASE"
  xdotool key Return
  main="$(timeout 60 xdotool search --sync --onlyvisible --name '^tafdesk$' | head -1)" \
    || fail "no main window within 60 s after unlocking: $(tail -c 400 "$tmp/app.err")"
  main_s="$(since "$t0")"
  sleep 1
  xdotool windowfocus --sync "$main"
  xdotool key ctrl+q
  code=0
  for _ in $(seq 300); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$app_pid" 2>/dev/null && fail "the app did not quit within 30 s of Ctrl+Q"
  wait "$app_pid" || code=$?
  app_pid=""
  [ "$code" -eq 0 ] || fail "the app quit with status $code: $(tail -c 400 "$tmp/app.err")"
  grep -q "Traceback" "$tmp/app.err" && fail "the app printed a traceback: $(tail -c 800 "$tmp/app.err")"
  ok "unlock window after $unlock_s s, main window after $main_s s, quit 0"
else
  "$exe" --db "$db" 2>"$tmp/app.err" &
  app_pid=$!
  sleep 10
  kill -0 "$app_pid" 2>/dev/null || fail "the app ended at once: $(tail -c 400 "$tmp/app.err")"
  [ -s "$tmp/app.err" ] && fail "the app wrote to stderr: $(tail -c 400 "$tmp/app.err")"
  kill "$app_pid"
  app_pid=""
  ok "offscreen only: still at the unlock dialog after 10 s (install xvfb and xdotool for the full check)"
fi
echo "bundle $bundle ($(du -sh "$bundle" | cut -f1)): smoke test passed"
