#!/usr/bin/env bash
# Load benchmark (one command): a commune-sized data set on SQLite and a province-sized one on PostgreSQL
# (1,000,000 dossiers over 150 communes), each measured against the bare ADO.NET endpoint in the same app.
# Installs PostgreSQL from Debian if missing and runs a throw-away cluster on loopback. Results: printed; see docs/performance.md.
#   bench/load.sh national   the national day instead: 34 provinces, 3,321 communes, 20,000,000 dossiers of history, then
#                            200,000 intakes and 2,000,000 lookups counted (sizes: PROVINCES COMMUNES DOSSIERS INTAKES LOOKUPS)
set -euo pipefail
cd "$(dirname "$0")/.."
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || { as_root apt-get update -qq; as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; }
MODE=${1:-province}
if [ "$MODE" = national ]; then DOSSIERS=${DOSSIERS:-20000000}; COMMUNES=${COMMUNES:-3321}; fi
DOSSIERS=${DOSSIERS:-1000000}; COMMUNES=${COMMUNES:-150}; SECONDS_EACH=${SECONDS_EACH:-15}; CLIENTS=${CLIENTS:-16}; WARMUP=${WARMUP:-20}
for p in src/FriendlyGov.Web bench/FriendlyGov.LoadBench; do dotnet build -c Release -nologo -v quiet "$p"; done
WEB=src/FriendlyGov.Web/bin/Release/net10.0/FriendlyGov.Web.dll
DRIVER=bench/FriendlyGov.LoadBench/bin/Release/net10.0/FriendlyGov.LoadBench.dll
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"

work=$(mktemp -d)
[ "$MODE" = national ] || dotnet "$DRIVER" --provider Sqlite --cs "Data Source=$work/commune.db" --communes 1 --dossiers 20000 --seconds "$SECONDS_EACH" --warmup "$WARMUP" --concurrency "$CLIENTS" --web "$WEB"

PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
PGPORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" -eq 0 ] && chown postgres "$work"
stop() { pg "$PGBIN/pg_ctl" -D "$work/pg" -m fast stop >/dev/null 2>&1 || true; rm -rf "$work"; }
trap stop EXIT
pg "$PGBIN/initdb" -D "$work/pg" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
pg "$PGBIN/pg_ctl" -D "$work/pg" -l "$work/pg.log" -w start -o "-p $PGPORT -k $work -c listen_addresses=127.0.0.1 -c shared_buffers=1GB -c max_connections=200 -c max_wal_size=8GB" >/dev/null
pg "$PGBIN/createdb" -h 127.0.0.1 -p "$PGPORT" -U postgres friendlygov
if [ "$MODE" = national ]; then
  dotnet "$DRIVER" --provider Postgres --cs "Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=friendlygov;Maximum Pool Size=100" --only national \
    --provinces "${PROVINCES:-34}" --communes "$COMMUNES" --dossiers "$DOSSIERS" --intakes "${INTAKES:-200000}" \
    --lookups "${LOOKUPS:-2000000}" --keys 200000 --seconds "$SECONDS_EACH" --warmup "$WARMUP" --concurrency "$CLIENTS" --web "$WEB"
  exit 0
fi
dotnet "$DRIVER" --provider Postgres --cs "Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=friendlygov;Maximum Pool Size=100" \
  --communes "$COMMUNES" --dossiers "$DOSSIERS" --seconds "$SECONDS_EACH" --warmup "$WARMUP" --concurrency "$CLIENTS" --web "$WEB"
