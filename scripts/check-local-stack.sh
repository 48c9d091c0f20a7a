#!/usr/bin/env bash
# Proof that the run command's local stack works (run by .ci/run after the tests; Linux: uses ss or /proc).
# Starts the stack exactly as the README says (bash scripts/run.sh --emulators-only), sends one email through
# SMTP to 127.0.0.1:2525, finds it through smtp4dev's HTTP API, checks that no listener of the stack is bound
# to a non-loopback address, stops it as Ctrl-C would, and checks that no process of it is left.
# The first run downloads smtp4dev (about 170 MB from NuGet). Prints "local stack check: passed" or the reasons.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

problems=()
problem() { problems+=("$*"); echo "  FAILED: $*"; }
log="$(mktemp -t local-stack.XXXXXX.log)"
run_pid=""

finish() {
  trap - EXIT INT TERM
  if [ -n "$run_pid" ] && kill -0 "$run_pid" 2>/dev/null; then kill -TERM "$run_pid" 2>/dev/null; sleep 5; kill -KILL -- "-$run_pid" 2>/dev/null; fi
  rm -f "$log"
  if [ ${#problems[@]} -eq 0 ]; then echo "local stack check: passed"; exit 0; fi
  echo "local stack check: FAILED (${#problems[@]} problem(s))"; exit 1
}
trap finish EXIT
trap 'problem "interrupted"; exit 1' INT TERM

# Every descendant of a process (ps -o works on Linux and macOS).
descendants() {
  local all parent child found=" $1 "
  all="$(ps -A -o pid= -o ppid=)"
  local changed=1
  while [ $changed -eq 1 ]; do
    changed=0
    while read -r child parent; do
      case "$found" in *" $parent "*) case "$found" in *" $child "*) ;; *) found="$found$child "; changed=1 ;; esac ;; esac
    done <<<"$all"
  done
  echo $found
}

# "address:port pid" for every listening TCP socket of the given pids.
listeners_of() {
  local pids=" $* "
  if command -v ss >/dev/null 2>&1; then
    ss -ltnpH 2>/dev/null | while read -r _ _ _ local _ users; do
      for pid in $(echo "$users" | grep -o 'pid=[0-9]*' | cut -d= -f2); do
        case "$pids" in *" $pid "*) echo "$local $pid" ;; esac
      done
    done | sort -u
  else
    lsof -nP -iTCP -sTCP:LISTEN -a -p "$(echo "$*" | tr ' ' ',')" 2>/dev/null | awk 'NR>1 {print $9, $2}' | sort -u
  fi
}

echo "Starting the local stack: bash scripts/run.sh --emulators-only"
set -m  # run.sh in its own process group, so it can be sent SIGINT as the terminal's Ctrl-C would
bash scripts/run.sh --emulators-only >"$log" 2>&1 &
run_pid=$!
set +m
ready=""
for i in $(seq 1 900); do   # up to 15 minutes: the first run downloads smtp4dev
  if grep -q '^Local stack ready' "$log"; then ready=1; break; fi
  kill -0 "$run_pid" 2>/dev/null || break
  sleep 1
done
if [ -z "$ready" ]; then
  sed 's/^/  | /' "$log"
  problem "scripts/run.sh --emulators-only did not report 'Local stack ready' (output above; the smtp4dev download is about 170 MB from NuGet, Azurite comes from npm)"
  exit 1
fi
echo "  stack ready"

# 1. One email through SMTP, found through smtp4dev's API.
subject="local-stack-check $(date +%s)-$$"
mail="$(mktemp -t local-stack-mail.XXXXXX)"
printf 'From: check@local.example\r\nTo: inbox@local.example\r\nSubject: %s\r\n\r\nSent by scripts/check-local-stack.sh.\r\n' "$subject" >"$mail"
if curl -sS --max-time 20 --url smtp://127.0.0.1:2525 --mail-from check@local.example --mail-rcpt inbox@local.example --upload-file "$mail"; then
  echo "  sent one email through SMTP 127.0.0.1:2525"
else
  problem "sending through SMTP to 127.0.0.1:2525 failed"
fi
rm -f "$mail"
found=""
for i in $(seq 1 20); do
  if curl -fsS --max-time 5 'http://127.0.0.1:5080/api/messages?pageSize=50' 2>/dev/null | grep -qF "\"subject\":\"$subject\""; then found=1; break; fi
  sleep 0.5
done
if [ -n "$found" ]; then echo "  found it through http://127.0.0.1:5080/api/messages"; else problem "the email did not appear in smtp4dev's /api/messages"; fi

# 2. Every listener of the stack (Azurite, smtp4dev and their children) on loopback only.
stack_pids="$(descendants "$run_pid")"
listeners="$(listeners_of $stack_pids)"
echo "  listeners of the stack:"; echo "$listeners" | sed 's/^/    /'
for port in 2525 5080 1143 1110 10000 10001 10002; do
  echo "$listeners" | grep -qE "^(127\.0\.0\.1|\[::1\]|\[::ffff:127\.0\.0\.1\]):$port " || problem "nothing of the stack listens on 127.0.0.1:$port"
done
echo "$listeners" | while read -r address pid; do
  [ -z "$address" ] && continue
  case "$address" in
    127.0.0.1:*|'[::1]':*|'[::ffff:127.0.0.1]':*) ;;
    *) echo "$address (pid $pid)" ;;
  esac
done >"$log.exposed"
if [ -s "$log.exposed" ]; then problem "listening on a non-loopback address: $(tr '\n' ' ' <"$log.exposed")"; fi
rm -f "$log.exposed"

# 3. Stop as Ctrl-C does, and find nothing left.
kill -INT "$run_pid"
for i in $(seq 1 60); do kill -0 "$run_pid" 2>/dev/null || break; sleep 0.5; done
if kill -0 "$run_pid" 2>/dev/null; then problem "run.sh did not stop within 30 s of SIGINT"; fi
grep -q '^Stopped the local stack' "$log" || problem "run.sh did not report 'Stopped the local stack'"
left=""
for pid in $stack_pids; do kill -0 "$pid" 2>/dev/null && left="$left $pid"; done
if [ -n "$left" ]; then
  problem "processes left after stopping:$(for pid in $left; do printf ' [%s]' "$(ps -o pid= -o args= -p "$pid" 2>/dev/null)"; done)"
  for pid in $left; do kill -KILL "$pid" 2>/dev/null; done
else
  echo "  stopped; none of its $(echo $stack_pids | wc -w | tr -d ' ') processes is left"
fi
for port in 2525 5080 1143 1110 10000 10001 10002; do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && problem "port $port still accepts connections after stopping"
done
run_pid=""
