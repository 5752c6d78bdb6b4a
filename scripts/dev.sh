#!/usr/bin/env bash
# `npm run dev`: a real n8n 2.35.6 at http://127.0.0.1:5678 with this package installed as a
# community package, the mock provider at http://127.0.0.1:5680, the example credentials (pointing
# at the mock) and every examples/*.json imported, the example triggers published, in the
# foreground (Ctrl-C stops n8n and the mock).
#
#   1. scripts/install-n8n.sh            (once; minutes the first time, then a no-op)
#   2. npm run build && npm pack         (in the repo root; tarball into a temp dir)
#   3. node scripts/n8n-host.js dev ...  (compile and start the mock provider; install the tarball,
#                                         import credentials and examples, publish, start n8n,
#                                         create the owner)
#
# Environment: N8N_DEV_PORT (5678), N8N_DEV_MOCK_PORT (5680),
# N8N_DEV_USER_FOLDER (~/.cache/n8n-nodes-whatsapp-interactive/dev-user,
# kept between runs: delete it to start from scratch), N8N_DEV_OWNER_EMAIL (owner@example.com),
# N8N_DEV_OWNER_PASSWORD (default: generated once, printed, saved in <user folder>/dev-owner.json).
# Extra arguments are passed to `n8n-host.js dev` (e.g. --port 5680).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

bash "$ROOT/scripts/install-n8n.sh" >/dev/null

echo "[dev] npm run build" >&2
npm run build

PACK_DIR="$(mktemp -d "${TMPDIR:-/tmp}/n8n-dev-pack.XXXXXX")"
trap 'rm -rf "$PACK_DIR"' EXIT
echo "[dev] npm pack" >&2
npm pack --pack-destination "$PACK_DIR" --silent >/dev/null
TARBALL="$(ls "$PACK_DIR"/*.tgz)"

node "$ROOT/scripts/n8n-host.js" dev \
  --tarball "$TARBALL" \
  --examples "$ROOT/examples" \
  --port "${N8N_DEV_PORT:-5678}" \
  --mock-port "${N8N_DEV_MOCK_PORT:-5680}" \
  "$@"
