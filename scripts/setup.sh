#!/usr/bin/env bash
# Takes a fresh clone to a built, runnable tree: npm dependencies, the pinned Node 24,
# native modules rebuilt for Node 24, and the TypeScript build.
# Idempotent: the slow part runs again only when the dependencies or package-lock.json change.
set -euo pipefail
cd "$(dirname "$0")/.."

# --quiet silences the "nothing to do" path; the slow first-time path always reports progress.
# --test also installs what the tests run for real (Chromium, and PostgreSQL for n8n's queue mode);
# --queue only PostgreSQL (the assistant benchmark's --assistant-queue-workers).
quiet=false
with_test_services=false
with_postgres=false
for arg in "$@"; do
  case "$arg" in
    --quiet) quiet=true ;;
    --test) with_test_services=true; with_postgres=true ;;
    --queue) with_postgres=true ;;
    *) echo "[setup] unknown option $arg (use --quiet, --test, --queue)" >&2; exit 2 ;;
  esac
done
say() { $quiet || echo "[setup] $*"; }
progress() { echo "[setup] $*"; }

# Heavy steps log to a file; on failure the tail is shown with the cause.
mkdir -p node_modules
log=node_modules/.beststag-setup.log
run() {
  if ! "$@" >>"$log" 2>&1; then
    echo "[setup] failed: $*" >&2
    tail -n 40 "$log" >&2
    echo "[setup] full log: $log" >&2
    exit 1
  fi
}

export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

stamp=node_modules/.beststag-setup-stamp
# Only what npm installs counts: editing scripts or metadata must not trigger a reinstall.
want="$({ node -e 'const p = require("./package.json"); console.log(JSON.stringify([p.dependencies, p.devDependencies, p.peerDependencies, p.overrides]))'; cat package-lock.json 2>/dev/null; } | sha256sum | cut -d' ' -f1)"

node24() { node_modules/node/bin/node "$@"; }

if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$want" ]] || ! node24 --version >/dev/null 2>&1; then
  start=$(date +%s)
  # --ignore-scripts: n8n's optional Kafka client would otherwise try a source build that
  # downloads zlib and OpenSSL from the internet. The few scripts we need run below.
  # npm install (not npm ci) keeps an existing node_modules and only applies what changed;
  # the committed package-lock.json still pins every version.
  progress "installing npm dependencies (first run: about 5 minutes, n8n is large)..."
  : >"$log"
  run npm install --ignore-scripts --prefer-offline --no-save

  progress "installing the pinned Node 24 binary..."
  run npm rebuild node --prefer-offline --foreground-scripts
  major="$(node24 -p 'process.versions.node.split(".")[0]')"
  if [[ "$major" != "24" ]]; then
    echo "[setup] expected Node 24 from the 'node' devDependency, got $(node24 --version)." >&2
    echo "[setup] Delete node_modules and run 'npm run setup' again." >&2
    exit 1
  fi

  # Native addons must match Node 24's ABI: build them with Node 24 on PATH and its headers.
  node_h="$(find node_modules/node -path '*/include/node/node.h' -print -quit)"
  if [[ -z "$node_h" ]]; then
    echo "[setup] Node 24 headers not found under node_modules/node; delete node_modules and run 'npm run setup' again." >&2
    exit 1
  fi
  headers="$PWD/$(dirname "$(dirname "$(dirname "$node_h")")")"
  progress "rebuilding native modules for Node $(node24 --version) (headers: $headers)..."
  PATH="$PWD/node_modules/.bin:$PATH" npm_config_nodedir="$headers" \
    run npm rebuild sqlite3 isolated-vm --foreground-scripts
  echo "$want" > "$stamp"
  progress "dependencies ready in $(( $(date +%s) - start ))s"
fi

# The tests run a real Redis and drive the WhatsApp simulator in a real Chromium.
# npm start needs Redis too: it holds the data path's replica and outbox (nodes/shared/datapath).
missing=()
! command -v redis-server >/dev/null 2>&1 && missing+=(redis-server)
$with_test_services && ! command -v chromium >/dev/null 2>&1 && missing+=(chromium)
# n8n's queue mode keeps executions in PostgreSQL; Debian puts the server outside PATH.
$with_postgres && ! compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null && missing+=(postgresql)
if (( ${#missing[@]} > 0 )); then
  if [[ "$(id -u)" == "0" ]] && command -v apt-get >/dev/null 2>&1; then
    progress "installing ${missing[*]} from Debian (the sandbox and the tests use them)..."
    run apt-get update -qq
    run env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
  else
    echo "[setup] the sandbox or the tests need ${missing[*]}: install them (e.g. sudo apt-get install ${missing[*]}) and run again." >&2
    exit 1
  fi
fi

say "building TypeScript into dist/..."
PATH="$PWD/node_modules/.bin:$PATH" node24 scripts/build.mjs
say "done. Node: $(node24 --version)"
