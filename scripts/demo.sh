#!/usr/bin/env bash
# The README's samples in order, against a running local app (bash scripts/run.sh in another terminal):
#   1. PUT /api/customers/acme              creates (or updates) the customer the request names
#   2. POST /api/dsr                        a data subject request, signed with Standard Webhooks as product
#                                           `einvoicing` (its secret is read from functions/local.settings.json)
#   3. GET /api/dsr/{requestId}             until the request is forwarded
# and prints where to look: the smtp4dev inbox, the customer's instruction link, the IntegrationEvents table.
#
#   bash scripts/demo.sh [--url http://localhost:7071] [--inbox http://127.0.0.1:5080]
#   bash scripts/demo.sh --self-test        checks the signer against the published Standard Webhooks example
#
# Needs bash, curl, openssl, od and node (all already needed by the run command); no GNU-only options.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

app="${PRIVACY_FUNCTIONS_URL:-http://localhost:7071}"
inbox="${SMTP4DEV_URL:-http://127.0.0.1:5080}"
self_test=""
while [ $# -gt 0 ]; do
  case "$1" in
    --url) app="$2"; shift 2 ;;
    --inbox) inbox="$2"; shift 2 ;;
    --self-test) self_test=1; shift ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "Unknown argument '$1' (see --help)." >&2; exit 2 ;;
  esac
done
app="${app%/}"; inbox="${inbox%/}"
fail() { echo "demo.sh: $*" >&2; exit 1; }

# Standard Webhooks v1, as WebhookSigner/WebhookVerifier compute it: the HMAC-SHA256 key is the base64-decoded
# secret (the whsec_ prefix removed); the signed text is "{webhook-id}.{webhook-timestamp}.{body}" with the body's
# exact bytes; the header value is "v1," + base64 of the MAC.
sign() { # secret id timestamp body
  local key_hex
  key_hex="$(printf '%s' "${1#whsec_}" | openssl base64 -d -A | od -An -v -tx1 | tr -d ' \n')"
  [ -n "$key_hex" ] || fail "the webhook secret is not base64."
  printf '%s.%s.%s' "$2" "$3" "$4" | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$key_hex" -binary | openssl base64 -A
}

if [ -n "$self_test" ]; then
  # The published example (also asserted by WebhookVerifierTests against the C# signer).
  expected='g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE='
  actual="$(sign 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' 'msg_p5jXN8AQM9LWM0D4loKWxJek' '1614265330' '{"test": 2432232314}')"
  ok=1
  if [ "$actual" = "$expected" ]; then echo "  Standard Webhooks example: v1,$actual (matches)"; else echo "  Standard Webhooks example: v1,$actual, expected v1,$expected"; ok=""; fi
  # A generated-style secret (32 bytes) and a body with non-ASCII text, against node's HMAC.
  secret="whsec_$(node -e 'process.stdout.write(require("crypto").randomBytes(32).toString("base64"))')"
  body='{"productId":"einvoicing","message":"Bitte löschen Sie mein Konto — merci."}'
  mine="$(sign "$secret" msg_1 1700000000 "$body")"
  theirs="$(node -e 'const [s,i,t,b]=process.argv.slice(1);process.stdout.write(require("crypto").createHmac("sha256",Buffer.from(s.replace(/^whsec_/,""),"base64")).update(`${i}.${t}.`).update(Buffer.from(b,"utf8")).digest("base64"))' "$secret" msg_1 1700000000 "$body")"
  if [ "$mine" = "$theirs" ]; then echo "  32-byte secret, UTF-8 body: matches node's HMAC"; else echo "  32-byte secret, UTF-8 body: $mine, node says $theirs"; ok=""; fi
  if [ -n "$ok" ]; then echo "demo signer check: passed"; exit 0; fi
  echo "demo signer check: FAILED"; exit 1
fi

for tool in curl openssl od node; do command -v "$tool" >/dev/null 2>&1 || fail "'$tool' is not on PATH."; done
settings=functions/local.settings.json
[ -f "$settings" ] || fail "$settings does not exist: start the app with bash scripts/run.sh first."
secret="$(node -e 'const v=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")).Values||{};process.stdout.write(v.Products__einvoicing__WebhookSecret||"")' "$settings")"
[ -n "$secret" ] || fail "$settings has no Products__einvoicing__WebhookSecret."

# call METHOD PATH [BODY] [extra curl args...]: sets $status and $response.
call() {
  local method="$1" path="$2" body="${3:-}" out
  shift 3 || shift $#
  out="$(mktemp -t demo.XXXXXX)"
  if [ -n "$body" ]; then
    status="$(curl -sS -o "$out" -w '%{http_code}' -X "$method" "$app$path" -H 'Content-Type: application/json' "$@" --data-binary "$body")" || status=000
  else
    status="$(curl -sS -o "$out" -w '%{http_code}' -X "$method" "$app$path" "$@")" || status=000
  fi
  response="$(cat "$out")"; rm -f "$out"
}
# json_field JSON PATH: the value at a dotted path (e.g. deadline.dueDate), objects as JSON, nothing if absent.
json_field() {
  node -e 'try{let v=JSON.parse(process.argv[1]);for(const k of process.argv[2].split("."))v=v==null?v:v[k];
    process.stdout.write(v==null?"":typeof v==="object"?JSON.stringify(v):String(v))}catch{}' "$1" "$2"
}

call GET /api/health
[ "$status" = 200 ] || fail "$app/api/health answered ${status/000/nothing}: is the app running? Start it with bash scripts/run.sh (or your IDE with bash scripts/run.sh --emulators-only)."

echo "1. PUT $app/api/customers/acme"
customer='{"name":"Acme Invoicing BV","contacts":{"privacy":["dpo@acme.example"],"security":["soc@acme.example"],"dsr":["privacy-requests@acme.example"]},"endUserContact":{"email":"rights@acme.example","url":"https://acme.example/privacy"},"locale":"en","timeZone":"Europe/Brussels","products":["einvoicing","payments"]}'
call PUT /api/customers/acme "$customer"
case "$status" in
  200|201) echo "   $status: customer acme, version $(json_field "$response" version)" ;;
  *) fail "PUT /api/customers/acme answered $status: $response" ;;
esac

echo "2. POST $app/api/dsr (signed as product einvoicing)"
now="$(date +%s)"
received_at="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
body="{\"productId\":\"einvoicing\",\"externalId\":\"demo-$now-$$\",\"customerId\":\"acme\",\"type\":\"erasure\",\"subject\":{\"email\":\"jane@mail.example\",\"name\":\"Jane Doe\"},\"receivedAt\":\"$received_at\",\"channel\":\"web-form\",\"message\":\"Please delete my account.\"}"
id="msg_demo_${now}_$$"
signature="$(sign "$secret" "$id" "$now" "$body")"
call POST /api/dsr "$body" -H 'webhook-product: einvoicing' -H "webhook-id: $id" -H "webhook-timestamp: $now" -H "webhook-signature: v1,$signature"
case "$status" in
  200|202) ;;
  *) fail "POST /api/dsr answered $status: $response" ;;
esac
request_id="$(json_field "$response" requestId)"
echo "   $status: request $request_id, status $(json_field "$response" status)"

echo "3. GET $app/api/dsr/$request_id"
dsr_status=""
for i in $(seq 1 60); do
  call GET "/api/dsr/$request_id"
  dsr_status="$(json_field "$response" status)"
  [ "$dsr_status" = received ] || break
  sleep 1
done
echo "   status $dsr_status, deadline $(json_field "$response" deadline.dueDate) (end of that day, $(json_field "$response" deadline.timeZone))"
[ "$dsr_status" = forwarded ] || echo "   (not forwarded yet: see the func output for DsrForwarding)"

# The instruction link is in the forward email; smtp4dev's API finds it.
link=""
for i in $(seq 1 20); do
  ids="$(curl -fsS --max-time 5 "$inbox/api/messages?pageSize=50" 2>/dev/null | node -e '
    let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{try{for(const m of JSON.parse(s).results)
      if((m.to||[]).includes("privacy-requests@acme.example"))console.log(m.id)}catch{}})' || true)"
  for message in $ids; do
    text="$(curl -fsS --max-time 5 "$inbox/api/messages/$message/plaintext" 2>/dev/null || true)"
    case "$text" in *"$request_id"*) link="$(printf '%s' "$text" | grep -o 'http[^ ]*/instruction?token=[A-Za-z0-9._~-]*' | head -n 1)";; esac
    [ -n "$link" ] && break
  done
  [ -n "$link" ] && break
  sleep 1
done

cat <<EOF

Where to look
  Inbox      $inbox : "Your request about your personal data: please contact Acme Invoicing BV" to Jane Doe
             <jane@mail.example>, and "Data subject request (erasure) via einvoicing: answer due <date>" to
             privacy-requests@acme.example with the instruction link.
  Link       ${link:-(not found in $inbox yet: open the forward email and follow "Acknowledge, instruct us or record an extension")}
  Request    curl $app/api/dsr/$request_id
  Audit      curl $app/api/audit/dsr/$request_id
  Events     table IntegrationEvents in Azurite (PartitionKey = today's UTC date): dsr.received, dsr.forwarded;
             open it with Azure Storage Explorer (Local & Attached > Emulator > Tables).
EOF
