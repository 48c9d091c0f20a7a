#!/usr/bin/env bash
# The README's run command.
#
#   bash scripts/run.sh                   Azurite + smtp4dev + the Functions host (func start) on http://localhost:7071
#   bash scripts/run.sh --emulators-only  Azurite + smtp4dev only, for running the app from an IDE
#
# Order: check that the Functions host can run (func on PATH, else the Core Tools v4 from tools/func's own lock
# file) before anything starts; write functions/local.settings.json from the template if missing (fresh local
# secrets, never empty); install Azurite (package-lock.json) and smtp4dev (dotnet-tools.json); start them with
# every listener on 127.0.0.1; wait until Azurite's three services and smtp4dev's SMTP server really listen;
# print where everything is; run func (or wait for Ctrl-C). Every process started here is stopped on exit,
# Ctrl-C or TERM. Works with the bash 3.2 of macOS and without GNU tools.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

# Fixed ports: functions/local.settings.template.json and the docs name them.
AZURITE_BLOB_PORT=10000 AZURITE_QUEUE_PORT=10001 AZURITE_TABLE_PORT=10002
SMTP_PORT=2525 INBOX_PORT=5080 IMAP_PORT=1143 POP3_PORT=1110 FUNC_PORT=7071

mode=app
case "${1:-}" in
  "") ;;
  --emulators-only) mode=emulators ;;
  -h|--help) sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) echo "Unknown argument '$1'. Usage: scripts/run.sh [--emulators-only]" >&2; exit 2 ;;
esac

fail() { echo "run.sh: $*" >&2; exit 1; }
for tool in dotnet node npm curl; do
  command -v "$tool" >/dev/null 2>&1 || fail "'$tool' is not on PATH (needed: .NET 10 SDK, Node.js >= 20 with npm, curl)."
done

# --- 1. The Functions host, before anything is started -------------------------------------------------------
func_cmd=()
if [ "$mode" = app ]; then
  if command -v func >/dev/null 2>&1; then
    func_cmd=(func)
  else
    # The Core Tools for this project alone, from their own lock file (the test command never installs them).
    local_func=tools/func/node_modules/.bin/func
    if [ ! -x "$local_func" ] || [ tools/func/package-lock.json -nt tools/func/node_modules/.package-lock.json ]; then
      echo "func is not on PATH: installing the Azure Functions Core Tools v4 into tools/func (npm ci)..."
      mkdir -p .artifacts
      if ! (cd tools/func && npm ci --no-audit --no-fund --loglevel=error) >.artifacts/func-install.log 2>&1; then
        grep -E 'attempting to GET|ENOTFOUND|ECONNREFUSED|ECONNRESET|EAI_AGAIN|ETIMEDOUT|certificate' .artifacts/func-install.log \
          | head -n 3 >&2 || tail -n 3 .artifacts/func-install.log >&2 || true
        fail "the Azure Functions Core Tools could not be installed for this project: npm ci in tools/func failed
(its install script downloads the func binary from Microsoft's CDN; full log: .artifacts/func-install.log).
Nothing was started. Either install the Core Tools v4 yourself so that 'func' is on PATH
(https://learn.microsoft.com/azure/azure-functions/functions-run-local) and run this again, or run only the
emulators and start the app from your IDE: bash scripts/run.sh --emulators-only"
      fi
    fi
    "$local_func" --version >/dev/null 2>&1 \
      || fail "tools/func/node_modules/.bin/func does not run (delete tools/func/node_modules and try again). Nothing was started."
    func_cmd=("$root/$local_func")
  fi
  func_version="$("${func_cmd[@]}" --version 2>/dev/null | head -n 1 || true)"
  case "$func_version" in
    4.*) ;;
    *) fail "the Azure Functions Core Tools v4 are needed; '${func_cmd[0]} --version' says '${func_version:-nothing}'. Nothing was started." ;;
  esac
fi

# --- 2. functions/local.settings.json ------------------------------------------------------------------------
# Written once from the template with fresh random secrets (node's crypto: the same on Linux, macOS and
# Windows), checked on every run: a file with an empty or malformed secret is refused, never used.
settings=functions/local.settings.json
node - functions/local.settings.template.json "$settings" <<'JS' || exit 1
const fs = require('fs'), crypto = require('crypto');
const [template, target] = process.argv.slice(2);
const random = () => crypto.randomBytes(32).toString('base64');
let written = false;
if (!fs.existsSync(target)) {
  const text = fs.readFileSync(template, 'utf8')
    .replace(/\{\{generate:base64-32\}\}/g, () => random())
    .replace(/\{\{generate:whsec\}\}/g, () => 'whsec_' + random());
  if (text.includes('{{generate:')) { console.error(`run.sh: ${template} has a placeholder this script does not know.`); process.exit(1); }
  check(JSON.parse(text), template);
  fs.writeFileSync(target + '.tmp', text, { mode: 0o600 });
  fs.renameSync(target + '.tmp', target);
  written = true;
}
check(JSON.parse(fs.readFileSync(target, 'utf8')), target);
if (written) console.log(`Wrote ${target} (local secrets generated; the file is git-ignored).`);

function check(settings, name) {
  const values = settings.Values || {};
  const bad = [];
  const bytes = s => { const b = Buffer.from(s, 'base64'); return b.toString('base64') === s ? b.length : -1; };
  if (bytes(values.Links__SigningKey || '') < 32) bad.push('Links__SigningKey');
  for (const [key, value] of Object.entries(values))
    if (/^Products__[^_]+__WebhookSecret$/.test(key)) {
      const n = bytes(String(value || '').replace(/^whsec_/, ''));
      if (n < 24 || n > 64) bad.push(key);
    }
  if (bad.length) {
    console.error(`run.sh: ${name} has an empty or malformed secret: ${bad.join(', ')}. Delete ${target} and run again to generate a new one.`);
    process.exit(1);
  }
}
JS

# --- 3. Install the emulators ----------------------------------------------------------------------------------
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
ports="$AZURITE_BLOB_PORT $AZURITE_QUEUE_PORT $AZURITE_TABLE_PORT $SMTP_PORT $INBOX_PORT $IMAP_PORT $POP3_PORT"
[ "$mode" = app ] && ports="$ports $FUNC_PORT"
for port in $ports; do
  port_in_use "$port" && fail "port $port on 127.0.0.1 is already in use (another scripts/run.sh, Azurite or smtp4dev?). Stop it and run again."
done

if [ ! -x node_modules/.bin/azurite ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error || fail "npm ci failed: Azurite could not be installed."
fi
dotnet tool restore >/dev/null || fail "dotnet tool restore failed: smtp4dev could not be installed (about 170 MB from NuGet)."
mkdir -p .azurite .smtp4dev

# --- 4. Start, and stop everything on any exit ---------------------------------------------------------------
# Each child runs in its own process group (set -m), so stopping a group also stops what the child started
# (smtp4dev's and func's worker processes). stdin is /dev/null: a background group must not read the terminal.
pids=()
cleanup() {
  trap - EXIT INT TERM
  local pid i
  if [ ${#pids[@]} -gt 0 ]; then
    for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true; done
    for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
      alive=""
      for pid in "${pids[@]}"; do kill -0 -- "-$pid" 2>/dev/null && alive=1; done
      [ -z "$alive" ] && break
      sleep 0.5
    done
    for pid in "${pids[@]}"; do kill -KILL -- "-$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    echo "Stopped the local stack."
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

set -m
node_modules/.bin/azurite --location .azurite --disableTelemetry --skipApiVersionCheck --loose \
  --blobHost 127.0.0.1 --blobPort "$AZURITE_BLOB_PORT" --queueHost 127.0.0.1 --queuePort "$AZURITE_QUEUE_PORT" \
  --tableHost 127.0.0.1 --tablePort "$AZURITE_TABLE_PORT" </dev/null >.azurite/azurite.log 2>&1 &
pids+=($!); azurite_pid=$!
# smtp4dev: in-memory store (--db= ; a relative file path resolves under its data folder and fails), its settings
# and keys in .smtp4dev/ instead of the user's profile, every listener (SMTP, IMAP, POP3, web) on 127.0.0.1.
dotnet smtp4dev --baseappdatapath="$root/.smtp4dev" --nousersettings --locksettings --db= \
  --hostname=localhost --bindaddress=127.0.0.1 --allowremoteconnections- \
  --smtpport="$SMTP_PORT" --imapport="$IMAP_PORT" --pop3port="$POP3_PORT" --urls="http://127.0.0.1:$INBOX_PORT" \
  </dev/null >.smtp4dev/smtp4dev.log 2>&1 &
pids+=($!); smtp4dev_pid=$!
set +m

# --- 5. Wait until they really serve ---------------------------------------------------------------------------
listening() { [ "$(grep -c 'successfully listening' .azurite/azurite.log 2>/dev/null || true)" -ge 3 ]; }
for i in $(seq 1 120); do
  listening && break
  kill -0 "$azurite_pid" 2>/dev/null || { cat .azurite/azurite.log >&2; fail "Azurite exited (log above: .azurite/azurite.log)."; }
  sleep 0.5
done
listening || { cat .azurite/azurite.log >&2; fail "Azurite did not start within 60 s (log above)."; }

# smtp4dev's web page can answer while its SMTP server is down (e.g. a database error): ready means
# /api/server says isRunning and port 2525 accepts connections.
smtp_ready() {
  curl -fsS --max-time 2 "http://127.0.0.1:$INBOX_PORT/api/server" 2>/dev/null | grep -q '"isRunning":true' && port_in_use "$SMTP_PORT"
}
for i in $(seq 1 240); do
  smtp_ready && break
  kill -0 "$smtp4dev_pid" 2>/dev/null || { tail -n 30 .smtp4dev/smtp4dev.log >&2; fail "smtp4dev exited (log above: .smtp4dev/smtp4dev.log)."; }
  sleep 0.5
done
smtp_ready || { tail -n 30 .smtp4dev/smtp4dev.log >&2; fail "smtp4dev's SMTP server is not listening on 127.0.0.1:$SMTP_PORT after 120 s (log above)."; }

cat <<EOF

Local stack ready
  Azurite   blob http://127.0.0.1:$AZURITE_BLOB_PORT  queue http://127.0.0.1:$AZURITE_QUEUE_PORT  table http://127.0.0.1:$AZURITE_TABLE_PORT
            data .azurite/, log .azurite/azurite.log
  smtp4dev  SMTP 127.0.0.1:$SMTP_PORT, web inbox http://127.0.0.1:$INBOX_PORT (IMAP 127.0.0.1:$IMAP_PORT, POP3 127.0.0.1:$POP3_PORT)
            in-memory (emptied on stop), log .smtp4dev/smtp4dev.log
  Settings  $settings:
            AzureWebJobsStorage=UseDevelopmentStorage=true
            Email__Smtp__Host=127.0.0.1  Email__Smtp__Port=$SMTP_PORT
EOF

# --- 6. Run ------------------------------------------------------------------------------------------------------
# Waits in short sleeps (not one long wait) so that Ctrl-C and TERM are handled at once; stops if a child dies.
exited=""; status=0
watch_children() {
  local pid
  while true; do
    for pid in "${pids[@]}"; do
      if ! kill -0 "$pid" 2>/dev/null; then
        exited="$pid"
        wait "$pid" 2>/dev/null && status=0 || status=$?
        return 0
      fi
    done
    sleep 1 & wait $! || true
  done
}

if [ "$mode" = emulators ]; then
  echo
  echo "Emulators only: start the app from your IDE (it reads $settings). Ctrl-C stops the emulators."
  watch_children
  [ "$exited" = "$azurite_pid" ] && name=Azurite || name=smtp4dev
  fail "$name stopped unexpectedly (status $status; see its log)."
fi

echo "  Functions http://localhost:$FUNC_PORT/api/... (${func_cmd[0]} start, Core Tools $func_version)"
echo
set -m
(cd functions && exec "${func_cmd[@]}" start --port "$FUNC_PORT") </dev/null &
pids+=($!); func_pid=$!
set +m
watch_children
if [ "$exited" = "$func_pid" ]; then exit "$status"; fi
fail "an emulator stopped unexpectedly (status $status; see .azurite/azurite.log and .smtp4dev/smtp4dev.log)."
