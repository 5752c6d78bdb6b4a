#!/usr/bin/env bash
# Idempotent installer for the real n8n used by end-to-end tests, `npm run dev` and benchmarks.
#
# Into a cache dir outside git (scripts/n8n-host-dir.sh prints it; keyed by the host lock file):
#   1. Node 24: the platform package `node-<os>-<arch>@NODE_VERSION` from the npm registry,
#      fetched with `npm pack` (npm checks its integrity), unpacked into <dir>/node24 and checked
#      by running it. No lifecycle script is involved, so nothing can fail silently.
#   2. n8n: test/e2e/host/{package.json,.npmrc,package-lock.json} copied in, then
#      `npm ci --ignore-scripts` (exactly what the lock file pins; a full install fails building
#      n8n's Kafka addon), then `npm rebuild sqlite3` under Node 24 (n8n's database driver; it
#      compiles from source because its prebuilt binary cannot be downloaded here). The built
#      addon is kept in ~/.cache/n8n-nodes-whatsapp-interactive/sqlite3-<version>-node<version>-<os>-<arch>
#      and copied into the next host that needs the same one.
#   3. Checks: Node 24 runs, sqlite3 loads under it, `n8n --version` answers. Then a marker file
#      that records the hash of the lock file and NODE_VERSION, so "already installed" holds
#      exactly when nothing changed.
# Every step that reaches the registry is retried (3 tries) with a message saying which.
# Progress goes to stderr; the LAST (and only) line on stdout is the host dir, so callers can do:
#   DIR="$(bash scripts/install-n8n.sh | tail -n1)"
#   "$DIR/node_modules/.bin/n8n"   n8n
#   "$DIR/node_modules/.bin/node"  Node 24 (a link to <dir>/node24/bin/node; n8n needs >= 22.22)
# Exits non-zero on any failure. Safe to run concurrently (flock on the cache dir).
set -euo pipefail

NODE_VERSION=24.21.0
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# N8N_TEST_HOST=<name> installs test/e2e/host-<name> instead (see scripts/n8n-host.js).
SRC="$ROOT/test/e2e/host${N8N_TEST_HOST:+-$N8N_TEST_HOST}"
[ -f "$SRC/package-lock.json" ] || { echo "[install-n8n] ERROR: no host lock file at $SRC" >&2; exit 1; }
DIR="$(bash "$ROOT/scripts/n8n-host-dir.sh")"
MARKER="$DIR/.install-complete"

log() { printf '[install-n8n] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# What the marker must say for the install to count as complete and current.
want_stamp() {
  printf 'lock=%s node=%s\n' "$(sha256sum "$SRC/package-lock.json" | cut -c1-64)" "$NODE_VERSION"
}

is_complete() {
  [ -f "$MARKER" ] && [ -x "$DIR/node_modules/.bin/n8n" ] && [ -x "$DIR/node_modules/.bin/node" ] &&
    [ "$(head -n1 "$MARKER")" = "$(want_stamp)" ]
}

# retry "what" command...: up to 3 tries, 5 s and 15 s apart, saying what failed.
retry() {
  local what="$1"; shift
  local i
  for i in 1 2 3; do
    if "$@"; then return 0; fi
    if [ "$i" -lt 3 ]; then
      local wait=$((i == 1 ? 5 : 15))
      log "$what failed (try $i of 3); retrying in ${wait}s"
      sleep "$wait"
    fi
  done
  die "$what failed 3 times. Check that the npm registry is reachable (npm ping) and run this script again."
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
start=$(date +%s)

# ---- 1. Node 24 ---------------------------------------------------------------------------
case "$(uname -s)" in Linux) os=linux ;; Darwin) os=darwin ;; *) die "unsupported OS $(uname -s)" ;; esac
case "$(uname -m)" in x86_64 | amd64) arch=x64 ;; aarch64 | arm64) arch=arm64 ;; *) die "unsupported CPU $(uname -m)" ;; esac
NODE_PKG="node-$os-$arch@$NODE_VERSION"
NODE_BIN="$DIR/node24/bin/node"
if [ ! -x "$NODE_BIN" ] || [ "$("$NODE_BIN" --version 2>/dev/null)" != "v$NODE_VERSION" ]; then
  log "fetching $NODE_PKG (the Node 24 binary n8n runs on)"
  tmp="$(mktemp -d "$DIR/.node24.XXXXXX")"
  retry "npm pack $NODE_PKG" npm pack "$NODE_PKG" --pack-destination "$tmp" --silent >/dev/null
  tgz="$(ls "$tmp"/*.tgz 2>/dev/null | head -n1)"
  [ -n "$tgz" ] || die "npm pack $NODE_PKG wrote no tarball into $tmp"
  mkdir "$tmp/x"
  tar -xzf "$tgz" -C "$tmp/x" --strip-components=1 || die "could not unpack $tgz"
  [ -x "$tmp/x/bin/node" ] || die "$NODE_PKG has no bin/node"
  got="$("$tmp/x/bin/node" --version 2>&1)" || die "the Node binary from $NODE_PKG does not run: $got"
  [ "$got" = "v$NODE_VERSION" ] || die "the Node binary from $NODE_PKG says $got, expected v$NODE_VERSION"
  rm -rf "$DIR/node24"
  mv "$tmp/x" "$DIR/node24"
  rm -rf "$tmp"
fi
log "Node $("$NODE_BIN" --version) at $NODE_BIN"

# ---- 2. n8n -------------------------------------------------------------------------------
cp "$SRC/package.json" "$SRC/.npmrc" "$SRC/package-lock.json" "$DIR/"
cd "$DIR"
log "installing n8n into $DIR (npm $(npm --version)); the first time this takes minutes"
# --ignore-scripts: a full install fails building @confluentinc/kafka-javascript (n8n's Kafka node).
retry "npm ci (n8n)" npm ci --ignore-scripts --no-audit --no-fund --loglevel=warn >&2
log "npm ci done after $(($(date +%s) - start))s"
# sqlite3's addon (Node-API, so one build serves every host on this Node and platform) is built
# once and kept beside the hosts: building it takes about two minutes of one core, and the three
# hosts CI installs side by side would otherwise each build the same file.
SQLITE3_VERSION="$(node -p "require('$DIR/node_modules/sqlite3/package.json').version")"
SQLITE3_BUILT="$DIR/node_modules/sqlite3/build/Release/node_sqlite3.node"
SQLITE3_CACHE="$HOME/.cache/n8n-nodes-whatsapp-interactive/sqlite3-$SQLITE3_VERSION-node$NODE_VERSION-$os-$arch"
mkdir -p "$SQLITE3_CACHE"
exec 8>"$SQLITE3_CACHE/.lock"
if command -v flock >/dev/null 2>&1; then
  flock 8
fi
if [ -f "$SQLITE3_CACHE/node_sqlite3.node" ]; then
  log "sqlite3 $SQLITE3_VERSION: the addon built earlier for Node $NODE_VERSION, after $(($(date +%s) - start))s ($SQLITE3_CACHE)"
  mkdir -p "$(dirname "$SQLITE3_BUILT")"
  cp "$SQLITE3_CACHE/node_sqlite3.node" "$SQLITE3_BUILT"
else
  log "building sqlite3 $SQLITE3_VERSION for Node 24"
  # Node 24 first on PATH, so node-gyp builds the addon for the Node that will load it.
  # --ignore-scripts=false: run from `npm test` or `npm run dev`, this script inherits the project's
  # ignore-scripts=true through npm_config_ignore_scripts, and the rebuild would silently do nothing.
  # --nodedir: the platform package ships Node 24's headers (include/node), so node-gyp needs no
  # download and no machine-wide npm setting.
  PATH="$DIR/node24/bin:$PATH" npm rebuild sqlite3 --ignore-scripts=false --nodedir="$DIR/node24" \
    --foreground-scripts --loglevel=warn >&2 ||
    die "building sqlite3 failed (it needs python3, make and g++; see the output above)"
  [ -f "$SQLITE3_BUILT" ] || die "building sqlite3 left no $SQLITE3_BUILT"
  # Kept only once it loads, so a broken build is never shared.
  "$DIR/node24/bin/node" -e "require('$DIR/node_modules/sqlite3')" ||
    die "the sqlite3 just built does not load under Node $NODE_VERSION"
  cp "$SQLITE3_BUILT" "$SQLITE3_CACHE/.node_sqlite3.node.tmp"
  mv "$SQLITE3_CACHE/.node_sqlite3.node.tmp" "$SQLITE3_CACHE/node_sqlite3.node"
  log "sqlite3 built after $(($(date +%s) - start))s"
fi
exec 8>&-
ln -sf ../../node24/bin/node "$DIR/node_modules/.bin/node"

# ---- 3. Checks ----------------------------------------------------------------------------
NODE24="$DIR/node_modules/.bin/node"
v="$("$NODE24" --version)"
case "$v" in v24.*) ;; *) die "$NODE24 is $v, expected v24.x" ;; esac
"$NODE24" -e "require('sqlite3')" || die "sqlite3 does not load under Node $v"
cmp -s "$SRC/package-lock.json" "$DIR/package-lock.json" ||
  die "npm changed the host lock file; regenerate ${SRC#"$ROOT"/}/package-lock.json (see docs/development.md)"
n8nv="$(PATH="$DIR/node_modules/.bin:$PATH" "$DIR/node_modules/.bin/n8n" --version 2>/dev/null | tail -n1)"
[ -n "$n8nv" ] || die "n8n --version printed nothing"
log "n8n $n8nv on Node $v"

{
  want_stamp
  printf 'n8n=%s\nnode=%s\ninstalled=%s\nseconds=%s\n' "$n8nv" "$v" "$(date -u +%FT%TZ)" "$(($(date +%s) - start))"
} >"$MARKER"
log "done in $(($(date +%s) - start))s"
echo "$DIR"
