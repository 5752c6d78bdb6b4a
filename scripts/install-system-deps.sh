#!/usr/bin/env bash
# Installs the Debian packages the browser and queue-mode suites need, when they are missing:
#   chromium       (browser suite: playwright-core drives $CHROMIUM_PATH, default /usr/bin/chromium;
#                   no browser is downloaded)
#   redis-server   (queue mode: n8n's Bull queue)
#   postgresql     (queue mode: n8n's database)
# Usage: bash scripts/install-system-deps.sh [chromium] [redis] [postgres]   (default: all three)
#
# `npm test` runs this first, so a machine that lacks them learns it in seconds, not after the
# unit and end-to-end suites. A no-op when all are present. Otherwise:
#   - as root, or with sudo that needs no password (`sudo -n`): apt-get update + apt-get install -y,
#     then checks again that what was missing is now there;
#   - else (or without apt-get): exits 1 at once, printing the one command to run.
# Environment: CHROMIUM_PATH (where the browser suite looks for Chromium).
set -euo pipefail

want=("$@")
[ ${#want[@]} -gt 0 ] || want=(chromium redis postgres)
CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
log() { printf '[system-deps] %s\n' "$*" >&2; }

# The Debian packages among "${want[@]}" that are not there.
find_missing() {
  missing=()
  local w
  for w in "${want[@]}"; do
    case "$w" in
      chromium) [ -x "$CHROMIUM_PATH" ] || missing+=(chromium) ;;
      redis) command -v redis-server >/dev/null 2>&1 || missing+=(redis-server) ;;
      postgres) ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql) ;;
      *) log "unknown package group '$w' (chromium, redis, postgres)"; exit 2 ;;
    esac
  done
}

find_missing
if [ ${#missing[@]} -eq 0 ]; then
  log "present: ${want[*]}"
  exit 0
fi

# How to run apt-get: directly as root, through sudo when it needs no password; otherwise stop.
SUDO=""
can_install=1
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo -n"; else can_install=0; fi
fi
command -v apt-get >/dev/null 2>&1 || can_install=0
if [ "$can_install" = 0 ]; then
  prefix=""
  [ "$(id -u)" = 0 ] || prefix="sudo "
  log "the browser and queue-mode suites need ${missing[*]}, which this user cannot install."
  if command -v apt-get >/dev/null 2>&1; then
    log "run this once (as root, or as a user who may sudo), then run the tests again:"
    log "  ${prefix}apt-get update && ${prefix}apt-get install -y ${missing[*]}"
  else
    log "there is no apt-get here: install ${missing[*]} with this system's package manager (Chromium at $CHROMIUM_PATH, or set CHROMIUM_PATH), then run the tests again."
  fi
  exit 1
fi

log "installing ${missing[*]} with ${SUDO:+$SUDO }apt-get"
ok=0
for i in 1 2 3; do
  if $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >&2; then
    ok=1
    break
  fi
  log "apt-get failed (try $i of 3)"
  [ "$i" = 3 ] || sleep $((i * 5))
done
[ "$ok" = 1 ] || { log "could not install ${missing[*]}; install them by hand: apt-get install -y ${missing[*]}"; exit 1; }
installed=("${missing[@]}")
find_missing
if [ ${#missing[@]} -gt 0 ]; then
  log "apt-get installed ${installed[*]}, but ${missing[*]} is still not where the tests look (Chromium: $CHROMIUM_PATH)."
  exit 1
fi
log "installed ${installed[*]}"
