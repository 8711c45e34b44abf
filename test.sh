#!/usr/bin/env bash
# Runs every test of FriendlyGov on a fresh machine: installs what is missing (Debian's chromium, postgresql and nginx),
# starts a throw-away PostgreSQL cluster on loopback, checks both migration sets against the model,
# runs unit, HTTP-integration (SQLite and PostgreSQL) and browser tests, and stops the cluster.
set -euo pipefail
cd "$(dirname "$0")"

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null 2>&1 || missing+=(nginx)
for tool in curl openssl; do command -v "$tool" >/dev/null 2>&1 || missing+=("$tool"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]} from Debian packages"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
PGDIR=$(mktemp -d)
PGPORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" -eq 0 ] && chown postgres "$PGDIR"
stop_pg() { pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast stop >/dev/null 2>&1 || true; rm -rf "$PGDIR"; }
trap stop_pg EXIT
pg "$PGBIN/initdb" -D "$PGDIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/log" -w start \
  -o "-p $PGPORT -k $PGDIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" >/dev/null
echo "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PGPORT"

export FRIENDLYGOV_TEST_POSTGRES="Host=127.0.0.1;Port=$PGPORT;Username=postgres"
export FRIENDLYGOV_CHROMIUM="$(command -v chromium)"
export FRIENDLYGOV_NGINX="$( [ -x /usr/sbin/nginx ] && echo /usr/sbin/nginx || command -v nginx )"   # the reverse-proxy test starts its own
export PATH="$PGBIN:$PATH"   # pg_dump for the backup command's test
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

dotnet tool restore >/dev/null
# Locked mode: exactly the package versions in each project's packages.lock.json, or the restore fails.
dotnet restore FriendlyGov.sln --locked-mode -v quiet
dotnet build FriendlyGov.sln --no-restore -nologo -v quiet -clp:ErrorsOnly

echo "Checking that each provider's migrations match the model"
for p in Sqlite Postgres; do
  dotnet ef migrations has-pending-model-changes --no-build \
    --project "src/FriendlyGov.Migrations.$p" --startup-project "src/FriendlyGov.Migrations.$p"
done

log=$(mktemp)
# Every retried browser step is written here (BrowserFixture) and counted in the closing summary.
export FRIENDLYGOV_RETRY_LOG=$(mktemp)
set +e
# One test module at a time: the browser tests and the database-heavy ones would starve each other on 2 cores.
dotnet test --solution FriendlyGov.sln --no-build --max-parallel-test-modules 1 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
# The deployment itself: two app instances behind nginx on a PostgreSQL primary with a synchronous standby; sign-in and
# forms across instances, a scheduled job run once, and the failover drill (deploy/cluster.sh, about a minute and a half).
echo "Cluster: deploy/cluster.sh"
./deploy/cluster.sh
cluster=$?
set -e
# The closing summary of Microsoft.Testing.Platform: "succeeded: N", "failed: N", "skipped: N".
passed=$(grep -oE '^ +succeeded: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE '^ +failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -oE '^ +skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
# Name each failed test with the first lines of its message at the very end, where a truncated CI log still shows it.
if [ "$failed" -gt 0 ]; then
  echo "Failed tests:"
  awk '/^failed / {n=14} n > 0 {print "  " substr($0, 1, 300); n--}' "$log" | grep -v 'Standard output\|"Timestamp"' || true
fi
retries=$(wc -l < "$FRIENDLYGOV_RETRY_LOG" | tr -d ' ')
if [ "$retries" -gt 0 ]; then
  echo "Browser retries (a stalled step tried once more; each passed the second time or failed above):"
  sed 's/^/  /' "$FRIENDLYGOV_RETRY_LOG"
fi
rm -f "$log" "$FRIENDLYGOV_RETRY_LOG"
echo "$passed passed, $failed failed, $skipped skipped, $retries browser retries; cluster and failover drill: $([ "$cluster" -eq 0 ] && echo passed || echo FAILED)"
if [ "$passed" -eq 0 ]; then echo "No test ran." >&2; exit 1; fi
[ "$status" -ne 0 ] && exit "$status"
exit "$cluster"
