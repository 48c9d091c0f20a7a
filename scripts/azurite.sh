#!/usr/bin/env bash
# Starts Azurite (from the committed npm lock file) on free loopback ports and waits until all three
# services log "successfully listening" — a port that merely answers may belong to a stale instance.
# Usage: source scripts/azurite.sh; start_azurite [--location DIR]; ... ; stop_azurite
# Exports AZURITE_CONNECTION_STRING, AZURITE_TABLE_PORT, AZURITE_QUEUE_PORT, AZURITE_BLOB_PORT.

AZURITE_PID=""
AZURITE_LOG=""

start_azurite() {
  local root
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  if [ ! -x "$root/node_modules/.bin/azurite" ]; then
    (cd "$root" && npm ci --no-audit --no-fund --loglevel=error) || { echo "npm ci failed: Azurite could not be installed" >&2; return 1; }
  fi
  local storage_args=(--inMemoryPersistence)
  if [ "${1:-}" = "--location" ]; then storage_args=(--location "$2"); fi
  AZURITE_LOG="$(mktemp -t azurite.XXXXXX.log)"
  "$root/node_modules/.bin/azurite" "${storage_args[@]}" --disableTelemetry --skipApiVersionCheck --loose \
    --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 \
    --blobPort 0 --queuePort 0 --tablePort 0 >"$AZURITE_LOG" 2>&1 &
  AZURITE_PID=$!
  local i
  for i in $(seq 1 120); do
    if [ "$(grep -c 'successfully listening' "$AZURITE_LOG")" -ge 3 ]; then break; fi
    if ! kill -0 "$AZURITE_PID" 2>/dev/null; then echo "Azurite exited:" >&2; cat "$AZURITE_LOG" >&2; return 1; fi
    sleep 0.5
  done
  if [ "$(grep -c 'successfully listening' "$AZURITE_LOG")" -lt 3 ]; then
    echo "Azurite did not start within 60 s:" >&2; cat "$AZURITE_LOG" >&2; stop_azurite; return 1
  fi
  AZURITE_BLOB_PORT="$(grep -o 'Blob service is successfully listening at http://127.0.0.1:[0-9]*' "$AZURITE_LOG" | grep -o '[0-9]*$')"
  AZURITE_QUEUE_PORT="$(grep -o 'Queue service is successfully listening at http://127.0.0.1:[0-9]*' "$AZURITE_LOG" | grep -o '[0-9]*$')"
  AZURITE_TABLE_PORT="$(grep -o 'Table service is successfully listening at http://127.0.0.1:[0-9]*' "$AZURITE_LOG" | grep -o '[0-9]*$')"
  # The well-known development account key of the emulator (public, not a secret).
  local key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
  AZURITE_CONNECTION_STRING="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$AZURITE_BLOB_PORT/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$AZURITE_QUEUE_PORT/devstoreaccount1;TableEndpoint=http://127.0.0.1:$AZURITE_TABLE_PORT/devstoreaccount1;"
  export AZURITE_CONNECTION_STRING AZURITE_BLOB_PORT AZURITE_QUEUE_PORT AZURITE_TABLE_PORT
  echo "Azurite listening: blob $AZURITE_BLOB_PORT, queue $AZURITE_QUEUE_PORT, table $AZURITE_TABLE_PORT"
}

stop_azurite() {
  if [ -n "$AZURITE_PID" ] && kill -0 "$AZURITE_PID" 2>/dev/null; then
    kill "$AZURITE_PID" 2>/dev/null
    wait "$AZURITE_PID" 2>/dev/null
  fi
  AZURITE_PID=""
  [ -n "$AZURITE_LOG" ] && rm -f "$AZURITE_LOG"
}
