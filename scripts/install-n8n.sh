#!/usr/bin/env bash
# Idempotent installer for the real n8n used by end-to-end tests, `npm run dev` and benchmarks.
#
# Copies test/e2e/host/{package.json,.npmrc,package-lock.json} into a cache dir outside git
# (see scripts/n8n-host-dir.sh), then, unless that dir already holds a completed install:
#   npm install --ignore-scripts --no-audit --no-fund   (exactly what the lock file pins)
#   npm rebuild node sqlite3                            (Node 24 binary; sqlite3 native addon)
# and writes a marker file. Progress goes to stderr; the LAST (and only) line on stdout is the
# host dir, so callers can do:  DIR="$(scripts/install-n8n.sh | tail -n1)"
#   "$DIR/node_modules/.bin/n8n"   n8n 2.35.6
#   "$DIR/node_modules/.bin/node"  Node 24 (n8n needs >= 22.22; the system node may be older)
# Exits non-zero on any failure. Safe to run concurrently (flock on the cache dir).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SRC="$ROOT/test/e2e/host"
DIR="$(bash "$ROOT/scripts/n8n-host-dir.sh")"
MARKER="$DIR/.install-complete"

log() { printf '[install-n8n] %s\n' "$*" >&2; }

is_complete() {
  [ -f "$MARKER" ] && [ -x "$DIR/node_modules/.bin/n8n" ] && [ -x "$DIR/node_modules/.bin/node" ] &&
    cmp -s "$SRC/package-lock.json" "$DIR/package-lock.json"
}

if is_complete; then
  log "already installed: $DIR"
  echo "$DIR"
  exit 0
fi

mkdir -p "$DIR"
# Serialise concurrent installs into the same dir (e.g. two test runs started together).
exec 9>"$DIR/.install.lock"
if command -v flock >/dev/null 2>&1; then
  flock 9
fi
if is_complete; then
  log "installed by a concurrent run: $DIR"
  echo "$DIR"
  exit 0
fi

rm -f "$MARKER"
cp "$SRC/package.json" "$SRC/.npmrc" "$SRC/package-lock.json" "$DIR/"
cd "$DIR"

start=$(date +%s)
log "installing n8n into $DIR (npm $(npm --version), node $(node --version)); this takes minutes"
# --ignore-scripts: a full install fails building @confluentinc/kafka-javascript (n8n's Kafka node).
npm install --ignore-scripts --no-audit --no-fund --loglevel=error >&2
log "npm install done after $(( $(date +%s) - start ))s; rebuilding node (Node 24 binary) and sqlite3"
npm rebuild node sqlite3 --loglevel=error >&2

# The lock file must not have been rewritten: CI must never resolve the tree again.
if ! cmp -s "$SRC/package-lock.json" "$DIR/package-lock.json"; then
  log "WARNING: npm rewrote package-lock.json in $DIR; test/e2e/host/package-lock.json may be stale"
fi

# Verify: Node 24 binary, n8n's CLI, sqlite3's native addon loading under Node 24.
NODE24="$DIR/node_modules/.bin/node"
v="$("$NODE24" --version)"
case "$v" in v24.*) ;; *) log "ERROR: $NODE24 is $v, expected v24.x"; exit 1 ;; esac
"$NODE24" -e "require('sqlite3')" || { log "ERROR: sqlite3 does not load under $v"; exit 1; }
n8nv="$(PATH="$DIR/node_modules/.bin:$PATH" "$DIR/node_modules/.bin/n8n" --version 2>/dev/null | tail -n1)"
log "n8n $n8nv on node $v"

printf 'n8n=%s\nnode=%s\ninstalled=%s\nseconds=%s\n' "$n8nv" "$v" "$(date -u +%FT%TZ)" "$(( $(date +%s) - start ))" >"$MARKER"
log "done in $(( $(date +%s) - start ))s"
echo "$DIR"
