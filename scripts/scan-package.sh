#!/usr/bin/env bash
# n8n's community-package scanner (@n8n/scan-community-package, pinned in scripts/scanner/) on this
# checkout, before anything is published.
#
# The scanner's own command (`npx @n8n/scan-community-package <name>`) takes a package NAME: it
# downloads the published version, refuses it without an npm provenance statement, then lints the
# GitHub source the provenance points at and the published tarball. Before a release there is no
# published version, so this runs the scanner's two lint passes itself, with the scanner's own
# configuration (its exported analyzePackage() and SOURCE_FILE_PATTERNS):
#   1. the source, as the scanner lints the attested checkout: package.json, nodes/ and
#      credentials/ (*.ts, *.js, *.json);
#   2. the tarball `npm pack` makes, unpacked, as it lints the published package: **/*.js and
#      package.json.
# The provenance check itself can only run after publishing: the release workflow runs
# `npx @n8n/scan-community-package <name>@<version>` then.
#
# The scanner is installed (npm ci, once) into the cache next to the n8n hosts; no-op when current.
# Exits 1 when either pass finds anything: n8n's verification tolerates no finding.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SRC="$ROOT/scripts/scanner"
hash="$(sha256sum "$SRC/package-lock.json" | cut -c1-12)"
DIR="${N8N_SCANNER_DIR:-$HOME/.cache/n8n-nodes-whatsapp-interactive/scanner-$hash}"
log() { printf '[scan] %s\n' "$*" >&2; }

if [ ! -f "$DIR/.install-complete" ]; then
  log "installing $(node -p "Object.entries(require('$SRC/package.json').dependencies).map(([n, v]) => n + '@' + v).join(' ')") into $DIR"
  mkdir -p "$DIR"
  cp "$SRC/package.json" "$SRC/package-lock.json" "$SRC/.npmrc" "$DIR/"
  (cd "$DIR" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >&2)
  touch "$DIR/.install-complete"
fi

[ -f "$ROOT/dist/nodes/WhatsAppInteractive/WhatsAppInteractive.node.js" ] || (cd "$ROOT" && npm run build >&2)
T="$(mktemp -d "${TMPDIR:-/tmp}/wai-scan.XXXXXX")"
trap 'rm -rf "$T"' EXIT
(cd "$ROOT" && npm pack --pack-destination "$T" --ignore-scripts --silent >/dev/null)
mkdir "$T/package"
tar -xzf "$T"/*.tgz -C "$T/package" --strip-components=1

cat >"$DIR/scan-local.mjs" <<'EOF'
// Runs @n8n/scan-community-package's lint passes on a source folder and an unpacked tarball, and
// fails on any finding of either.
import { analyzePackage, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';
const [source, tarball] = process.argv.slice(2);
let failed = false;
for (const [what, dir, patterns] of [
  ['source (package.json, nodes/, credentials/)', source, SOURCE_FILE_PATTERNS],
  ['packed tarball (**/*.js, package.json)', tarball, ['**/*.js', 'package.json']],
]) {
  const r = await analyzePackage(dir, patterns);
  console.log(`${r.passed ? 'passed' : 'findings'}: ${what}${r.message ? ` — ${r.message}` : ''}`);
  if (r.passed) continue;
  if (r.details) console.log(r.details);
  failed = true;
}
process.exit(failed ? 1 : 0);
EOF
version="$(node -p "require('$DIR/node_modules/@n8n/scan-community-package/package.json').version")"
log "@n8n/scan-community-package $version on $ROOT and its npm pack tarball"
(cd "$DIR" && node scan-local.mjs "$ROOT" "$T/package")
