#!/usr/bin/env bash
# Cold-start check: does the README's promise hold on a machine nobody prepared?
#
#   bash scripts/cold-start.sh [--runs N] [--tests] [--keep]
#
# Each run clones this repository's committed HEAD into a new temp folder and, with an EMPTY $HOME
# and an EMPTY npm cache (so no n8n install, no downloaded package is reused), runs the README's
# commands there:
#   1. npm ci
#   2. npm run dev      until the editor answers at its URL and every examples/*.json workflow is
#                       in n8n (checked through n8n's REST API with the owner login dev printed),
#                       then Ctrl-C (SIGINT) and a clean exit
#   3. npm test         only with --tests (unit, end-to-end and browser suites)
# and prints how long each step took. The temp folders (several GB each: n8n is about 2.5 GB) are
# removed after each run unless --keep is given. Exits non-zero at the first failing step.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS=1
TESTS=0
KEEP=0
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) RUNS="$2"; shift 2 ;;
    --tests) TESTS=1; shift ;;
    --keep) KEEP=1; shift ;;
    *) echo "usage: bash scripts/cold-start.sh [--runs N] [--tests] [--keep]" >&2; exit 2 ;;
  esac
done

log() { printf '[cold-start] %s\n' "$*" >&2; }
free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }

SUMMARY=()
for run in $(seq 1 "$RUNS"); do
  T="$(mktemp -d "${TMPDIR:-/tmp}/cold-start.XXXXXX")"
  mkdir -p "$T/home" "$T/npm-cache"
  log "run $run of $RUNS in $T (HOME and npm cache empty)"
  git clone -q "$ROOT" "$T/repo"
  cd "$T/repo"
  export HOME="$T/home" npm_config_cache="$T/npm-cache"

  s=$(date +%s)
  npm ci --no-audit --no-fund >"$T/npm-ci.log" 2>&1 || { tail -n 40 "$T/npm-ci.log" >&2; log "npm ci failed (log: $T/npm-ci.log)"; exit 1; }
  t_ci=$(($(date +%s) - s))
  log "npm ci: ${t_ci}s"

  port="$(free_port)"
  mock="$(free_port)"
  s=$(date +%s)
  N8N_DEV_PORT="$port" N8N_DEV_MOCK_PORT="$mock" setsid npm run dev >"$T/dev.log" 2>&1 &
  dev=$!
  ok=0
  # The first run installs n8n: minutes on an idle machine, half an hour on a busy one; allow an hour.
  for _ in $(seq 1 3600); do
    if grep -q "is running at" "$T/dev.log" 2>/dev/null; then ok=1; break; fi
    if ! kill -0 "$dev" 2>/dev/null; then break; fi
    sleep 1
  done
  t_dev=$(($(date +%s) - s))
  if [ "$ok" != 1 ]; then
    kill -INT -- "-$dev" 2>/dev/null || true
    tail -n 60 "$T/dev.log" >&2
    log "npm run dev did not get to 'n8n is running' (log: $T/dev.log)"
    exit 1
  fi
  # The editor answers, and every example is imported (counted through the REST API as the owner).
  expected=$(ls "$T/repo/examples/"*.json | wc -l)
  owner="$HOME/.cache/n8n-nodes-whatsapp-interactive/dev-user/dev-owner.json"
  node - "$port" "$owner" "$expected" <<'EOF' || { kill -INT -- "-$dev" 2>/dev/null || true; log "check failed (log: $T/dev.log)"; exit 1; }
const [port, ownerFile, expected] = process.argv.slice(2);
const base = `http://127.0.0.1:${port}`;
(async () => {
  const page = await fetch(`${base}/`);
  const html = await page.text();
  if (page.status !== 200 || !/<div id="app"|n8n/i.test(html)) throw new Error(`the editor at ${base}/ answered ${page.status}`);
  const owner = JSON.parse(require('fs').readFileSync(ownerFile, 'utf8'));
  const login = await fetch(`${base}/rest/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ emailOrLdapLoginId: owner.email, email: owner.email, password: owner.password }),
  });
  if (login.status !== 200) throw new Error(`owner login answered ${login.status}: ${await login.text()}`);
  const cookie = (login.headers.get('set-cookie') || '').split(';')[0];
  const list = await fetch(`${base}/rest/workflows`, { headers: { cookie } });
  const body = await list.json();
  const names = (body.data || []).map((w) => w.name);
  if (names.length !== Number(expected)) throw new Error(`expected ${expected} example workflows, n8n has ${names.length}: ${names.join(', ')}`);
  console.error(`[cold-start] editor answers at ${base}/; ${names.length} example workflows imported: ${names.join(' | ')}`);
})().catch((e) => { console.error(`[cold-start] ${e.message}`); process.exit(1); });
EOF
  kill -INT -- "-$dev" 2>/dev/null || true
  for _ in $(seq 1 60); do kill -0 "$dev" 2>/dev/null || break; sleep 1; done
  if kill -0 "$dev" 2>/dev/null; then kill -KILL -- "-$dev" 2>/dev/null || true; log "npm run dev did not stop within 60 s of Ctrl-C"; exit 1; fi
  log "npm run dev: ready and checked after ${t_dev}s, stopped cleanly"

  t_test="-"
  if [ "$TESTS" = 1 ]; then
    s=$(date +%s)
    npm test >"$T/test.log" 2>&1 || { tail -n 60 "$T/test.log" >&2; log "npm test failed (log: $T/test.log)"; exit 1; }
    t_test="$(($(date +%s) - s))s"
    log "npm test: $t_test"
  fi
  SUMMARY+=("run $run: npm ci ${t_ci}s | npm run dev to ready ${t_dev}s (includes the n8n install) | npm test $t_test")
  cd "$ROOT"
  if [ "$KEEP" = 0 ]; then rm -rf "$T"; else log "kept $T"; fi
done
printf '%s\n' "${SUMMARY[@]}"
