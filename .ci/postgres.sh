#!/usr/bin/env bash
# A throw-away PostgreSQL server for the tests: `source .ci/postgres.sh` starts one on a loopback port in a temporary
# data folder (installing Debian's postgresql when its programs are missing), exports STAFFGUIDEBOT_TEST_POSTGRES (the
# Npgsql connection string the PostgreSQL tests use) and sets an EXIT trap that stops it and removes the folder.
# Nothing is left running or on disk afterwards. Used by .ci/run; run it yourself to run those tests locally.
PG_PORT=${PG_PORT:-45433}

pg_bin() {
  local dir
  for dir in "$(dirname "$(command -v pg_ctl 2>/dev/null || echo /nonexistent/x)")" /usr/lib/postgresql/*/bin; do
    [ -x "$dir/pg_ctl" ] && [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
  done
  return 1
}

PG_BIN=$(pg_bin) || {
  echo "postgresql not found: installing Debian's postgresql"
  apt_install postgresql
  PG_BIN=$(pg_bin) || { echo "ci: postgresql installed but pg_ctl/initdb not found" >&2; exit 1; }
}

PG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/staffguidebot-pg.XXXXXX")
# PostgreSQL refuses to run as root: as root, the server runs as the postgres user the Debian package creates.
PG_AS=()
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  chown postgres "$PG_DIR"
  PG_AS=(runuser -u postgres --)
fi

pg_stop() {
  "${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
}
trap pg_stop EXIT

"${PG_AS[@]}" "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust --no-sync -E UTF8 >"$PG_DIR/initdb.log" 2>&1 \
  || { cat "$PG_DIR/initdb.log" >&2; echo "ci: initdb failed" >&2; exit 1; }
# One role must sign in with a password, as on Azure, where the password is an Entra token: the token sign-in test uses it.
"${PG_AS[@]}" sed -i '1i host all staffguidebot_entra 127.0.0.1/32 scram-sha-256' "$PG_DIR/data/pg_hba.conf"
# Loopback only, the socket in the temp folder, fsync off (a test server: speed, not durability).
"${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400" start >/dev/null \
  || { cat "$PG_DIR/server.log" >&2; echo "ci: the PostgreSQL server did not start" >&2; exit 1; }
export STAFFGUIDEBOT_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres"
echo "PostgreSQL $("$PG_BIN/pg_ctl" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT (data in $PG_DIR, removed at exit)"
