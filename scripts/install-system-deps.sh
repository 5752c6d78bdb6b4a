#!/usr/bin/env bash
# Installs the Debian packages the browser and queue-mode suites need, when they are missing:
#   chromium       (browser suite: playwright-core drives /usr/bin/chromium; no browser download)
#   redis-server   (queue mode: n8n's Bull queue)
#   postgresql     (queue mode: n8n's database)
# Usage: bash scripts/install-system-deps.sh [chromium] [redis] [postgres]   (default: all three)
# Needs root (or sudo) for apt-get; prints what to run otherwise. A no-op when all are present.
set -euo pipefail

want=("$@")
[ ${#want[@]} -gt 0 ] || want=(chromium redis postgres)
log() { printf '[system-deps] %s\n' "$*" >&2; }

missing=()
for w in "${want[@]}"; do
  case "$w" in
    chromium) [ -x /usr/bin/chromium ] || missing+=(chromium) ;;
    redis) command -v redis-server >/dev/null 2>&1 || missing+=(redis-server) ;;
    postgres) ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql) ;;
    *) log "unknown package group '$w' (chromium, redis, postgres)"; exit 2 ;;
  esac
done
if [ ${#missing[@]} -eq 0 ]; then
  log "present: ${want[*]}"
  exit 0
fi

SUDO=""
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
    log "missing ${missing[*]}; install them as root: apt-get update && apt-get install -y ${missing[*]}"
    exit 1
  fi
fi
log "installing ${missing[*]} with apt-get"
for i in 1 2 3; do
  if $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >&2; then
    log "installed ${missing[*]}"
    exit 0
  fi
  log "apt-get failed (try $i of 3)"
  sleep $((i * 5))
done
log "could not install ${missing[*]}; install them by hand: apt-get install -y ${missing[*]}"
exit 1
