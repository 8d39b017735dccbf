#!/usr/bin/env bash
# The deployable build, checked as App Service would run it: `dotnet publish -p:PublishProfile=AppService` (what
# docs/deploy.md deploys), then the published folder started in the Production environment:
#   - in local mode on the platform's port (every address) it must refuse to start, with exit code 1;
#   - on loopback (nothing else can reach it) it must answer "hi" with the first card, its content packs found beside it.
# Needs node (for ../shared/bench/first-reply.mjs) and curl; .ci/run installs them.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
die() { echo "ci: $*" >&2; exit 1; }

dotnet publish src/StaffGuideBot -p:PublishProfile=AppService -nologo -v q
PUBLISHED=artifacts/publish
for f in StaffGuideBot.dll appsettings.Production.json dialogs/england/pack.yaml dialogs/scotland/pack.yaml; do
  [ -f "$PUBLISHED/$f" ] || die "the published folder has no $f"
done
[ -s artifacts/staffguidebot.zip ] || die "no artifacts/staffguidebot.zip"

WORK=$(mktemp -d)
BOT_PID=""
cleanup() { [ -n "$BOT_PID" ] && kill "$BOT_PID" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

# Local mode where other computers could reach it: refused before anything starts.
set +e
(cd "$PUBLISHED" && ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_HTTP_PORTS=45223 Storage__SqlitePath="$WORK/refused.db" \
  timeout 60 dotnet StaffGuideBot.dll >"$WORK/refused.log" 2>&1)
RC=$?
set -e
[ "$RC" = 1 ] || { cat "$WORK/refused.log" >&2; die "the published bot in local mode on every address exited $RC, not 1"; }
grep -q "cannot start in Production" "$WORK/refused.log" || { cat "$WORK/refused.log" >&2; die "no refusal line"; }
echo "published bot: local mode on the platform's port refused (exit 1)"

# On loopback: starts and answers with the first card.
T0=$(date +%s%3N)
(cd "$PUBLISHED" && exec env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS=http://127.0.0.1:45221 Storage__SqlitePath="$WORK/state.db" \
  dotnet StaffGuideBot.dll >"$WORK/bot.log" 2>&1) &
BOT_PID=$!
node ../shared/bench/first-reply.mjs --url http://127.0.0.1:45221/api/messages --t0 "$T0" --expect "Report a concern now" --timeout-s 90 \
  || { tail -20 "$WORK/bot.log" >&2; die "the published bot did not answer"; }
echo
[ "$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:45221/healthz)" = 200 ] || die "/healthz is not 200"
grep -q "Content root path: .*artifacts/publish" "$WORK/bot.log" || die "the published bot did not run from its own folder"
echo "published bot: answered in Production from $PUBLISHED, /healthz 200"
