#!/usr/bin/env bash
# The README's run command: starts Azurite (default ports 10000-10002, data in .azurite/) and smtp4dev
# (SMTP 2525, web inbox http://127.0.0.1:5080), writes functions/local.settings.json from the template if
# missing (with freshly generated local secrets), then runs `func start` if the Core Tools are installed.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

settings=functions/local.settings.json
if [ ! -f "$settings" ]; then
  cp functions/local.settings.template.json "$settings"
  while grep -q '{{generate:base64-32}}' "$settings"; do
    sed -i "0,/{{generate:base64-32}}/s||$(head -c 32 /dev/urandom | base64 -w0 | sed 's/[\/&]/\\&/g')|" "$settings"
  done
  while grep -q '{{generate:whsec}}' "$settings"; do
    sed -i "0,/{{generate:whsec}}/s||whsec_$(head -c 32 /dev/urandom | base64 -w0 | sed 's/[\/&]/\\&/g')|" "$settings"
  done
  echo "Wrote $settings (local secrets generated; the file is git-ignored)."
fi

if [ ! -x node_modules/.bin/azurite ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
dotnet tool restore >/dev/null
mkdir -p .azurite .smtp4dev

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

node_modules/.bin/azurite --location .azurite --disableTelemetry --skipApiVersionCheck --loose \
  --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 >.azurite/azurite.log 2>&1 &
pids+=($!)
dotnet smtp4dev --urls=http://127.0.0.1:5080 --smtpport=2525 --imapport=1143 --db=.smtp4dev/smtp4dev.db >.smtp4dev/smtp4dev.log 2>&1 &
pids+=($!)

for i in $(seq 1 60); do
  [ "$(grep -c 'successfully listening' .azurite/azurite.log 2>/dev/null)" -ge 3 ] && break
  sleep 0.5
done
if [ "$(grep -c 'successfully listening' .azurite/azurite.log 2>/dev/null)" -lt 3 ]; then
  echo "Azurite did not start (is something else using ports 10000-10002?):" >&2
  cat .azurite/azurite.log >&2
  exit 1
fi
echo "Azurite: blob 10000, queue 10001, table 10002 (log: .azurite/azurite.log)"
echo "smtp4dev: SMTP 127.0.0.1:2525, web inbox http://127.0.0.1:5080"

if ! command -v func >/dev/null 2>&1; then
  echo "The Azure Functions Core Tools (func) are not installed. Install v4, e.g. 'npm i -g azure-functions-core-tools@4'" >&2
  echo "or see https://learn.microsoft.com/azure/azure-functions/functions-run-local, then run scripts/run.sh again." >&2
  exit 1
fi
cd functions && func start
