#!/usr/bin/env bash
# Build the RaceDesk app folder (dist/racedesk/) and prove it starts.
#
#   bash packaging/build.sh            # uses ./venv or /work/venv python, or $PYTHON
#
# Installs the "package" extra (PyInstaller) if missing, builds with
# packaging/racedesk.spec, then runs the built app with --startup-check on a fresh demo
# database under QT_QPA_PLATFORM=offscreen. Exits non-zero if any step fails.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PYTHON="${PYTHON:-}"
if [[ -z "$PYTHON" ]]; then
    for candidate in "$ROOT/venv/bin/python" "$ROOT/../venv/bin/python" "$(command -v python3)"; do
        if [[ -x "$candidate" ]]; then PYTHON="$candidate"; break; fi
    done
fi
echo "== python: $PYTHON"

if ! "$PYTHON" -c "import PyInstaller" 2>/dev/null; then
    echo "== installing the package extra (PyInstaller)"
    "$PYTHON" -m pip install --quiet -e ".[package]"
fi

echo "== building dist/racedesk"
"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$ROOT/dist" --workpath "$ROOT/build/pyinstaller" packaging/racedesk.spec

APP="$ROOT/dist/racedesk/racedesk"
[[ -x "$APP" ]] || { echo "build failed: $APP is missing" >&2; exit 1; }

echo "== smoke test: racedesk --startup-check"
CHECK_HOME="$(mktemp -d)"
trap 'rm -rf "$CHECK_HOME"' EXIT
export RACEDESK_HOME="$CHECK_HOME" QT_QPA_PLATFORM=offscreen
"$APP" --version
"$APP" --db "$CHECK_HOME/demo.sqlite3" demo
OUTPUT="$("$APP" --db "$CHECK_HOME/demo.sqlite3" --startup-check)"
echo "$OUTPUT"
if ! grep -Eq '^\{"startup_ms": [0-9]+, "tree_ms": [0-9]+, "data_ms": [0-9]+\}$' <<<"$OUTPUT"; then
    echo "smoke test failed: the built app did not report its startup" >&2
    exit 1
fi
"$APP" --db "$CHECK_HOME/demo.sqlite3" events >/dev/null

echo "== built: $APP ($(du -sh "$ROOT/dist/racedesk" | cut -f1))"
