#!/usr/bin/env bash
# Generates the store-upgrade fixtures in server/src/test/resources/upgrade/ that StoreUpgradeTest reads: stores
# written by an older Mortar release, and what that release answered about them.
#
# For each store backend (SQLite, then PostgreSQL) it
#   1. checks the old release (OLD_COMMIT, default 965795b: the last commit with the hand-written migrator) out
#      into a temporary git worktree and builds it (the CLI, and runtime/target/jars for the Spark job drivers);
#   2. starts that release's server on a fresh store: a new data directory, or a new PostgreSQL database;
#   3. runs io.mortar.server.upgrade.UpgradeFixture from this tree's test classes, which fills the store through
#      the Glue API (databases, tables, a few hundred partitions, versions, indexes, statistics, functions, tags,
#      jobs and two finished runs, crawlers and a finished crawl, classifiers, connections with passwords, the
#      encryption settings) and writes the old server's StoreSnapshot as expected.json;
#   4. stops the server cleanly (SIGTERM) and keeps the store:
#        sqlite/      catalog.db (checkpointed on close: no -wal/-shm file is needed) and connection.key
#        postgresql/  dump.sql (pg_dump --inserts --no-owner --no-acl, plain SQL) and connection.key
#      The store files and expected.json are kept gzipped (gzip -n: no name or time inside, so the same content
#      gives the same bytes): plain, the two fixtures would take about 1.5 MB, gzipped well under 200 kB.
#      Read them with zcat (`zcat expected.json.gz | less`).
#
# Usage: server/src/test/upgrade/generate-fixture.sh [sqlite] [postgresql]   (default: both)
# Environment:
#   OLD_COMMIT           the release that writes the stores (default 965795b)
#   MORTAR_TEST_PG_URL   jdbc:postgresql://host:port/db?user=…&password=… of a role that may CREATE DATABASE
#                        (bin/test's, default jdbc:postgresql://127.0.0.1:5432/mortar_test?user=mortar_test&…)
#   UPGRADE_WORK         work folder (default: a new temporary one); the old worktree there is reused when present
#   KEEP_WORK=1          keep the work folder and the old worktree afterwards (a re-run then skips the build)
# Needs: git, Maven, Java 17, psql and pg_dump (the PostgreSQL client) for the PostgreSQL fixture.
#
# Re-runnable: every run starts from empty stores and replaces the fixtures. The new fixtures differ from the old
# ones in the times, run ids and crawl ids the server assigned, so commit them together with expected.json.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../.." && pwd)
OLD_COMMIT=${OLD_COMMIT:-965795b}
OUT="$ROOT/server/src/test/resources/upgrade"
WORK=${UPGRADE_WORK:-$(mktemp -d "${TMPDIR:-/tmp}/mortar-upgrade.XXXXXX")}
OLD="$WORK/old"
PG_URL=${MORTAR_TEST_PG_URL:-jdbc:postgresql://127.0.0.1:5432/mortar_test?user=mortar_test&password=mortar_test}
BACKENDS=("$@")
[[ ${#BACKENDS[@]} -gt 0 ]] || BACKENDS=(sqlite postgresql)

log() { printf '%s generate-fixture: %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

quietly() { # runs a command, showing its output only when it fails
  local out
  out=$(mktemp)
  if ! "$@" >"$out" 2>&1; then
    cat "$out" >&2
    rm -f "$out"
    return 1
  fi
  rm -f "$out"
}

SERVER_PID=""
cleanup() {
  if [[ -n $SERVER_PID ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  if [[ ${KEEP_WORK:-} != 1 ]]; then
    git -C "$ROOT" worktree remove --force "$OLD" 2>/dev/null || true
    rm -rf "$WORK"
  else
    log "work folder kept: $WORK"
  fi
}
trap cleanup EXIT

# ---------------------------------------------------------------- PostgreSQL login, from the JDBC URL
pg_part() { # host | port | user | password | db
  local rest=${PG_URL#jdbc:postgresql://} query=""
  [[ $rest == *\?* ]] && query=${rest#*\?}
  rest=${rest%%\?*}
  case $1 in
    host) local hp=${rest%%/*}; echo "${hp%%:*}" ;;
    port) local hp=${rest%%/*}; [[ $hp == *:* ]] && echo "${hp##*:}" || echo 5432 ;;
    db) echo "${rest#*/}" ;;
    user|password) tr '&' '\n' <<<"$query" | sed -n "s/^$1=//p" | head -n 1 ;;
  esac
}
PGHOST=$(pg_part host); PGPORT=$(pg_part port); PGUSER=$(pg_part user); PGPASSWORD=$(pg_part password)
PGOPTIONS='--client-min-messages=warning' # no NOTICE for a database that is not there to drop
export PGHOST PGPORT PGUSER PGPASSWORD PGOPTIONS
ADMIN_DB=$(pg_part db)

# ---------------------------------------------------------------- 1. the old release, built
if [[ ! -d $OLD ]]; then
  log "checking out $OLD_COMMIT into $OLD"
  git -C "$ROOT" worktree add --detach "$OLD" "$OLD_COMMIT" >/dev/null
fi
log "building the old release ($(git -C "$OLD" log -1 --format='%h %s' | cut -c1-80))"
(cd "$OLD" && quietly mvn -q -B -ntp -DskipTests -pl cli,runtime -am package)
OLD_CP="$OLD/cli/target/mortar-cli.jar:$OLD/cli/target/lib/*"

# ---------------------------------------------------------------- this tree's UpgradeFixture, and its class path
log "compiling this tree's test classes"
(cd "$ROOT" && quietly mvn -q -B -ntp -pl server -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/upgrade-fixture.classpath)
FIXTURE_CP="$ROOT/server/target/test-classes:$ROOT/server/target/classes:$(cat "$ROOT/server/target/upgrade-fixture.classpath")"

# ---------------------------------------------------------------- 2-4. one store per backend
start_old_server() { # data-dir log [server flags...]
  local data=$1 out=$2
  shift 2
  # Small, quiet drivers: one core, 512 MB, no Spark UI.
  MORTAR_SPARK_JARS="$OLD/runtime/target/jars" MORTAR_JOBS_MASTER='local[1]' MORTAR_JOBS_DRIVER_MEMORY=512m \
    MORTAR_JOBS_SPARK_CONF='spark.ui.enabled=false' \
    java -cp "$OLD_CP" io.mortar.cli.MortarCli server --port 0 --data-dir "$data" "$@" >"$out" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 240); do
    ENDPOINT=$(sed -n 's/^Mortar is ready: \(http[^ ]*\).*/\1/p' "$out" | head -n 1)
    [[ -n $ENDPOINT ]] && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$out" >&2; log "the old server did not start"; exit 1; }
    sleep 0.5
  done
  cat "$out" >&2
  log "the old server did not start within 2 minutes"
  exit 1
}

stop_old_server() {
  kill -TERM "$SERVER_PID"
  wait "$SERVER_PID" || true # a JVM ended by SIGTERM exits with 143 after its shutdown hook ran
  SERVER_PID=""
}

fill() { # backend data-dir
  log "$1: filling the store (job runs start Spark drivers: a minute or more)"
  java -cp "$FIXTURE_CP" io.mortar.server.upgrade.UpgradeFixture "$ENDPOINT" "$WORK/$1/files" \
    "$WORK/$1/expected.json" | sed "s/^/  /" >&2
}

for backend in "${BACKENDS[@]}"; do
  rm -rf "${WORK:?}/$backend"
  data="$WORK/$backend/data"
  mkdir -p "$data"
  case $backend in
    sqlite)
      start_old_server "$data" "$WORK/$backend/server.log"
      log "sqlite: old server at $ENDPOINT, data directory $data"
      fill sqlite "$data"
      stop_old_server
      for leftover in "$data/catalog.db-wal" "$data/catalog.db-shm"; do
        if [[ -s $leftover ]]; then
          log "sqlite: $leftover is not empty after a clean stop: the fixture would need it"
          exit 1
        fi
      done
      mkdir -p "$OUT/sqlite"
      rm -f "$OUT/sqlite/"*
      gzip -n -9 -c "$data/catalog.db" >"$OUT/sqlite/catalog.db.gz"
      gzip -n -9 -c "$WORK/sqlite/expected.json" >"$OUT/sqlite/expected.json.gz"
      cp "$data/connection.key" "$OUT/sqlite/"
      ;;
    postgresql)
      db=mortar_upgrade_fixture
      psql -q -d "$ADMIN_DB" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
      start_old_server "$data" "$WORK/$backend/server.log" \
        --store-url "jdbc:postgresql://$PGHOST:$PGPORT/$db" --store-user "$PGUSER" --store-password "$PGPASSWORD"
      log "postgresql: old server at $ENDPOINT, database $db, data directory $data"
      fill postgresql "$data"
      stop_old_server
      mkdir -p "$OUT/postgresql"
      rm -f "$OUT/postgresql/"*
      # pg_dump 15.14 and later wrap a plain dump in psql's \restrict … \unrestrict lines; they are psql commands,
      # not SQL, and the test loads the dump through JDBC.
      pg_dump --inserts --no-owner --no-acl -d "$db" | grep -v '^\\\(un\)\?restrict ' | gzip -n -9 \
        >"$OUT/postgresql/dump.sql.gz"
      gzip -n -9 -c "$WORK/postgresql/expected.json" >"$OUT/postgresql/expected.json.gz"
      cp "$data/connection.key" "$OUT/postgresql/"
      psql -q -d "$ADMIN_DB" -c "DROP DATABASE $db WITH (FORCE)"
      ;;
    *)
      log "unknown backend $backend (sqlite or postgresql)"
      exit 2
      ;;
  esac
  log "$backend: fixture written: $(cd "$OUT/$backend" && du -b -- * | awk '{printf "%s %d B; ", $2, $1}')"
  log "$backend: uncompressed: $(du -b "$WORK/$backend/expected.json" | cut -f1) B of expected.json"
done
log "done: $(du -sb "$OUT" | cut -f1) bytes in $OUT"
