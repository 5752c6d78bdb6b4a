#!/usr/bin/env bash
# Prints the directory where scripts/install-n8n.sh installs (or installed) the pinned n8n.
# ${N8N_HOST_DIR:-$HOME/.cache/n8n-nodes-whatsapp-interactive/n8n-<version>-<sha256(lock)[:12]>}
# The computation lives in scripts/n8n-host.js (hostDir()); this is a shell entry point to it.
set -euo pipefail
exec node "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/n8n-host.js" host-dir
