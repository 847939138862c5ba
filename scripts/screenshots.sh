#!/usr/bin/env bash
# Takes the documentation's screenshots of Spotlight's UI: docs/images/spotlight-event.png (an error
# event from the gateway sample with its tags, contexts and breadcrumbs) and docs/images/spotlight-logs.png
# (the sample's Sentry Logs lines). Run it again whenever what the sample sends changes:
#
#   scripts/screenshots.sh
#
# It installs what is missing (Debian's chromium with apt-get, as root; the pinned Spotlight of the
# end-to-end tests and playwright-core with npm ci), starts Spotlight's sidecar and the gateway sample on
# free loopback ports, sends a few requests (one of them a provider failure), drives headless Chromium
# through the UI, and stops everything it started when it exits, however it exits.
# Needs: Node.js 20+ with npm, the .NET SDK, and apt-get (or chromium at $CHROMIUM).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
spotlight_dir="$root/tests/Gatewayz.Logging.EndToEndTests/spotlight"
driver_dir="$root/scripts/screenshots"
gateway_project="$root/samples/Gatewayz.Gateway"
images_dir="$root/docs/images"
chromium="${CHROMIUM:-/usr/bin/chromium}"
api_key="gw_live_demo_7f3a9c2e51b84d06"

say() { printf 'screenshots: %s\n' "$*" >&2; }
fail() { say "$*"; exit 1; }

work="$(mktemp -d)"
sidecar_pid=""
gateway_pid=""
stop_all() {
  local status=$?
  for pid in "$gateway_pid" "$sidecar_pid"; do
    if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      kill -9 "$pid" 2>/dev/null || true
    fi
  done
  if [[ $status -ne 0 ]]; then
    for log in "$work"/*.log; do
      [[ -s "$log" ]] || continue
      say "last lines of $(basename "$log"):"
      tail -n 20 "$log" >&2
    done
  fi
  rm -rf "$work"
  exit $status
}
trap stop_all EXIT
trap 'exit 130' INT TERM

# --- what it needs -------------------------------------------------------------------------------
command -v node >/dev/null || fail "needs Node.js 20 or newer with npm on PATH"
command -v npm >/dev/null || fail "needs npm on PATH"
command -v dotnet >/dev/null || fail "needs the .NET SDK (dotnet) on PATH"
command -v curl >/dev/null || fail "needs curl on PATH"
node_major="$(node -p 'process.versions.node.split(".")[0]')"
(( node_major >= 20 )) || fail "needs Node.js 20 or newer, found $(node --version)"

# Debian's chromium, and a colour emoji font (Spotlight's "Copy for AI" button starts with one).
packages=()
[[ -x "$chromium" ]] || packages+=(chromium)
[[ -n "${CHROMIUM:-}" ]] || dpkg -s fonts-noto-color-emoji >/dev/null 2>&1 || packages+=(fonts-noto-color-emoji)
if (( ${#packages[@]} > 0 )); then
  [[ "$(id -u)" -eq 0 ]] || fail "missing: ${packages[*]}: run 'sudo apt-get install -y ${packages[*]}' (or set CHROMIUM to a Chromium binary)"
  say "installing ${packages[*]} with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y "${packages[@]}" >"$work/apt.log" 2>&1 \
    || { apt-get update >>"$work/apt.log" 2>&1 && apt-get install -y "${packages[@]}" >>"$work/apt.log" 2>&1; } \
    || fail "apt-get install ${packages[*]} failed"
fi

# npm ci when node_modules is missing or older than the lock file.
npm_ci() {
  local dir="$1"
  if [[ ! -d "$dir/node_modules" || "$dir/package-lock.json" -nt "$dir/node_modules" ]]; then
    say "npm ci in ${dir#"$root"/}"
    npm ci --prefix "$dir" --no-audit --no-fund >"$work/npm.log" 2>&1 || fail "npm ci failed in $dir"
    touch "$dir/node_modules"
  fi
}
npm_ci "$spotlight_dir"
npm_ci "$driver_dir"

say "building the gateway sample"
dotnet build "$gateway_project" -v q -nologo >"$work/build.log" 2>&1 || { tail -n 30 "$work/build.log" >&2; fail "build failed"; }
gateway_dll="$(find "$gateway_project/bin" -name Gatewayz.Gateway.dll -path '*Debug*' -printf '%T@ %p\n' | sort -n | tail -n 1 | cut -d' ' -f2-)"
[[ -n "$gateway_dll" ]] || fail "no Gatewayz.Gateway.dll under $gateway_project/bin"

# --- Spotlight's sidecar, the end-to-end tests' launcher, serving the UI too -----------------------------
(cd "$spotlight_dir" && exec node sidecar.mjs --port 0 --host 127.0.0.1 --parent-pid $$ --ui) >"$work/sidecar.out" 2>"$work/sidecar.log" &
sidecar_pid=$!
spotlight_port=""
for _ in $(seq 1 120); do
  spotlight_port="$(sed -n 's/.*"event":"ready".*"port":\([0-9]*\).*/\1/p' "$work/sidecar.out" | head -n 1)"
  [[ -n "$spotlight_port" ]] && break
  kill -0 "$sidecar_pid" 2>/dev/null || fail "the Spotlight sidecar exited before it was ready"
  sleep 0.5
done
[[ -n "$spotlight_port" ]] || fail "the Spotlight sidecar did not get ready within 60 s"
spotlight="http://127.0.0.1:$spotlight_port"
say "Spotlight at $spotlight"

# --- the gateway sample, with a DSN whose ingestion endpoint is the sidecar (as the end-to-end tests
# run it: the sample's UseSentry() refuses to start without a DSN) and Sentry Logs on ------------------
gateway_port="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close();})')"
gateway="http://127.0.0.1:$gateway_port"
(
  cd "$gateway_project"
  export ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS="$gateway"
  export SENTRY_DSN="http://spotlight@127.0.0.1:$spotlight_port/0" SENTRY_ENABLE_LOGS=true
  unset SENTRY_SPOTLIGHT
  # The host's lifecycle lines (content root, URLs) would put this machine's paths and ports in the
  # pictures: kept out of the run's logs, as a deployment that raises that category's level would.
  # (A name with dots, which only env can set.)
  exec env "Serilog__MinimumLevel__Override__Microsoft.Hosting.Lifetime=Warning" dotnet "$gateway_dll"
) >"$work/gateway.log" 2>&1 &
gateway_pid=$!
for _ in $(seq 1 120); do
  curl -fsS "$gateway/health" >/dev/null 2>&1 && break
  kill -0 "$gateway_pid" 2>/dev/null || fail "the gateway sample exited before it answered"
  sleep 0.5
done
curl -fsS "$gateway/health" >/dev/null || fail "the gateway sample did not answer on $gateway within 60 s"
say "gateway sample at $gateway"

# --- a few requests for log lines (a completion, a cache timeout the database covers, a bad key), then
# the provider failure whose event is the picture ------------------------------------------------------
post_chat() { # fail-mode model
  curl -sS -X POST "$gateway/v1/chat/completions" \
    -H "Authorization: Bearer $api_key" -H "Content-Type: application/json" ${1:+-H "X-Gatewayz-Fail: $1"} \
    -d "{\"model\": \"$2\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}"
}
post_chat "" "together/meta-llama/Llama-3.3-70B-Instruct-Turbo" >/dev/null
curl -sS "$gateway/users/4217/credits" -H "Authorization: Bearer $api_key" -H "X-Gatewayz-Fail: cache" >/dev/null
post_chat "" "portkey/anthropic/claude-3-5-haiku" >/dev/null
api_key="gw_live_demo_not_a_key_0000" post_chat "" "openrouter/openai/gpt-4o-mini" >/dev/null
reply="$(post_chat upstream-5xx "openrouter/openai/gpt-4o-mini")"
event_id="$(node -e 'const r=JSON.parse(process.argv[1]); if(!r.event_id) process.exit(1); console.log(r.event_id.replace(/-/g,""))' "$reply")" \
  || fail "the failing request answered without an event_id: $reply"
say "provider failure captured as event $event_id"

# --- the pictures ------------------------------------------------------------------------------------
mkdir -p "$images_dir"
node "$driver_dir/take.mjs" --spotlight "$spotlight" --event "$event_id" --chromium "$chromium" \
  --profile "$work/chromium-profile" --out "$images_dir"
say "wrote docs/images/spotlight-event.png and docs/images/spotlight-logs.png"
