#!/usr/bin/env bash
# FriendlyGov as a province runs it, brought up on loopback and torn down again:
#   PostgreSQL primary + hot standby with synchronous streaming replication (deploy/postgresql/*.conf),
#   two identical app instances on one multi-host connection string, nginx in front (deploy/nginx/friendlygov.conf).
# Then it checks that the instances are interchangeable (a sign-in or a form from one is good on the other, through nginx
# too), that a scheduled job runs once across both, and runs the failover drill: under intake load the primary is killed,
# the standby is promoted, the instances reconnect by themselves; every acknowledged dossier must be on the new primary,
# exactly once. Run by ./test.sh; alone: deploy/cluster.sh (after a build). Exit status 0 only if every check passed.
set -euo pipefail
cd "$(dirname "$0")/.."
CONFIG=${CONFIG:-Debug}
APP=src/FriendlyGov.Web/bin/$CONFIG/net10.0/FriendlyGov.Web.dll
DRIVER=bench/FriendlyGov.LoadBench/bin/$CONFIG/net10.0/FriendlyGov.LoadBench.dll
[ -f "$APP" ] && [ -f "$DRIVER" ] || dotnet build FriendlyGov.sln -c "$CONFIG" -nologo -v quiet -clp:ErrorsOnly
NGINX=${FRIENDLYGOV_NGINX:-$( [ -x /usr/sbin/nginx ] && echo /usr/sbin/nginx || command -v nginx )}
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
say() { echo "cluster: $*"; }

dir=$(mktemp -d /tmp/fg-cluster-XXXXXX)
chmod 755 "$dir"
P1=$(free_port); P2=$(free_port); A1=$(free_port); A2=$(free_port); NP=$(free_port); NH=$(free_port)
pids=()
teardown() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  [ -f "$dir/nginx.pid" ] && kill "$(cat "$dir/nginx.pid")" 2>/dev/null || true
  for d in primary standby restored; do pg "$PGBIN/pg_ctl" -D "$dir/$d" -m immediate stop >/dev/null 2>&1 || true; done
  if [ "${KEEP:-0}" = 1 ]; then echo "kept $dir"; else rm -rf "$dir"; fi
}
trap teardown EXIT
[ "$(id -u)" -eq 0 ] && { mkdir -p "$dir/wal" "$dir/wal2"; chown postgres "$dir" "$dir/wal" "$dir/wal2"; } || mkdir -p "$dir/wal" "$dir/wal2"

# --- Database tier: the primary with the deployment's settings, sized down for a test machine --------------------------
small="-c shared_buffers=128MB -c effective_cache_size=512MB -c max_wal_size=1GB -c wal_keep_size=256MB -c max_connections=250"
pg "$PGBIN/initdb" -D "$dir/primary" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
echo "include '$PWD/deploy/postgresql/primary.conf'" >> "$dir/primary/postgresql.conf"
pg "$PGBIN/pg_ctl" -D "$dir/primary" -l "$dir/primary.log" -w start \
  -o "-p $P1 -k $dir -c listen_addresses=127.0.0.1 $small -c archive_command='cp %p $dir/wal/%f'" >/dev/null
psql() { "$PGBIN/psql" -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }
# Until the standby exists, the primary's commits would wait for it: these two are committed locally.
PGOPTIONS="-c synchronous_commit=local" psql -p "$P1" -c "CREATE ROLE replicator REPLICATION LOGIN" -c "CREATE DATABASE friendlygov"
# The standby: a base backup of the primary that streams from it under the name the primary waits for.
pg "$PGBIN/pg_basebackup" -D "$dir/standby" -R -X stream -c fast -d "host=127.0.0.1 port=$P1 user=replicator application_name=standby1"
echo "include '$PWD/deploy/postgresql/standby.conf'" >> "$dir/standby/postgresql.conf"
pg "$PGBIN/pg_ctl" -D "$dir/standby" -l "$dir/standby.log" -w start \
  -o "-p $P2 -k $dir -c listen_addresses=127.0.0.1 $small -c archive_command='cp %p $dir/wal2/%f'" >/dev/null
for i in $(seq 50); do [ "$(psql -p "$P1" -c "SELECT sync_state FROM pg_stat_replication WHERE application_name = 'standby1'")" = sync ] && break; sleep 0.2; done
[ "$(psql -p "$P1" -c "SELECT sync_state FROM pg_stat_replication WHERE application_name = 'standby1'")" = sync ] || { say "the standby is not synchronous"; exit 1; }
[ "$(psql -p "$P2" -c "SELECT pg_is_in_recovery()")" = t ] || { say "the standby is not in recovery"; exit 1; }
say "PostgreSQL primary :$P1, synchronous hot standby :$P2"

# --- App tier: secrets outside the database, one settings set for both instances -------------------------------------
openssl rand -base64 32 > "$dir/audit.key"
openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj /CN=FriendlyGov-keys -keyout "$dir/k.pem" -out "$dir/c.pem" 2>/dev/null
openssl pkcs12 -export -inkey "$dir/k.pem" -in "$dir/c.pem" -out "$dir/keys.pfx" -passout pass:khoa-cum
openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj /CN=dichvucong.test -keyout "$dir/tls.key" -out "$dir/tls.crt" 2>/dev/null
export Database__Provider=Postgres
# Both servers, the primary wanted: after a promotion Npgsql finds the new primary by itself.
export ConnectionStrings__Default="Host=127.0.0.1:$P1,127.0.0.1:$P2;Database=friendlygov;Username=postgres;Target Session Attributes=primary;Host Recheck Seconds=1;Timeout=3;Maximum Pool Size=40"
# The dashboards read on the standby (the primary when the standby is away): a second connection string.
export ConnectionStrings__Reads="Host=127.0.0.1:$P2,127.0.0.1:$P1;Database=friendlygov;Username=postgres;Target Session Attributes=prefer-standby;Host Recheck Seconds=1;Timeout=3;Maximum Pool Size=20;Application Name=friendlygov-reads"
export Audit__KeyFile="$dir/audit.key" DataProtection__CertificateFile="$dir/keys.pfx" DataProtection__CertificatePassword=khoa-cum
export Logging__LogLevel__Default=Warning DOTNET_CLI_TELEMETRY_OPTOUT=1
# The nightly audit verification every 5 seconds, so that "runs once across the instances" is seen within the test.
export Scheduler__AuditCron="0/5 * * * * ?"
# The demo data (accounts the checks sign in with) is seeded only under Testing; the instances run as Staging, built and
# served as in production but tolerating the demo's published passwords.
ASPNETCORE_ENVIRONMENT=Testing dotnet "$APP" seed-demo > "$dir/seed.log" 2>&1 || { cat "$dir/seed.log"; exit 1; }
# A base backup of the primary, for the restore to a point in time at the end.
mkdir -p "$dir/backups"; [ "$(id -u)" -eq 0 ] && chown postgres "$dir/backups"
base=$(pg deploy/backup.sh base --port "$P1" --dest "$dir/backups" | tail -n 1)
for n in 1 2; do
  port=$([ $n = 1 ] && echo "$A1" || echo "$A2")
  # Run from the project directory, as systemd runs it from the published one: its content root (wwwroot) is there.
  (cd src/FriendlyGov.Web && ASPNETCORE_ENVIRONMENT=Staging exec dotnet "../../$APP" --urls "http://127.0.0.1:$port") > "$dir/app$n.log" 2>&1 &
  pids+=($!)
done
for port in "$A1" "$A2"; do
  for i in $(seq 120); do curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break; sleep 0.5; done
  curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null || { say "instance :$port is not ready"; tail -n 20 "$dir"/app*.log; exit 1; }
done
say "app instances :$A1 and :$A2 ready"

# --- nginx: the deployment's site, rendered for loopback -------------------------------------------------------------
mkdir -p "$dir/nginx/cache" "$dir/nginx/tmp"
sed -e "s#127.0.0.1:5001#127.0.0.1:$A1#; s#127.0.0.1:5002#127.0.0.1:$A2#" \
    -e "/\[::\]/d" -e "s#listen 80;#listen 127.0.0.1:$NH;#" -e "s#listen 443 ssl http2;#listen 127.0.0.1:$NP ssl http2;#" \
    -e "s#listen 80 default_server;#listen 127.0.0.1:$NH default_server;#" \
    -e "s#listen 443 ssl http2 default_server;#listen 127.0.0.1:$NP ssl http2 default_server;#" \
    -e "s#/etc/ssl/friendlygov/fullchain.pem#$dir/tls.crt#; s#/etc/ssl/friendlygov/privkey.pem#$dir/tls.key#" \
    -e "s#/var/cache/nginx/friendlygov#$dir/nginx/cache#" \
    -e "s#^    server_name dichvucong.example.gov.vn;#&\n    add_header X-Upstream \$upstream_addr always;#" \
    -e "s#server_name dichvucong.example.gov.vn;#server_name dichvucong.example.gov.vn 127.0.0.1;#" \
    deploy/nginx/friendlygov.conf > "$dir/nginx/site.conf"
cat > "$dir/nginx/nginx.conf" <<EOF
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/nginx/error.log warn;
events { worker_connections 512; }
http {
  access_log $dir/nginx/access.log;
  client_body_temp_path $dir/nginx/tmp/body; proxy_temp_path $dir/nginx/tmp/proxy;
  fastcgi_temp_path $dir/nginx/tmp/fcgi; uwsgi_temp_path $dir/nginx/tmp/uwsgi; scgi_temp_path $dir/nginx/tmp/scgi;
  include $dir/nginx/site.conf;
}
EOF
"$NGINX" -c "$dir/nginx/nginx.conf" -p "$dir/nginx" -g "user $(id -un);" 2>/dev/null
for i in $(seq 50); do curl -fsSk "https://127.0.0.1:$NP/health/live" >/dev/null 2>&1 && break; sleep 0.2; done
say "nginx https://127.0.0.1:$NP"
# Another host name is refused at the door (the connection closed, nothing from the app), the site's own is served.
forged=$(curl -sk -o /dev/null -w '%{http_code}' -H 'Host: lua-dao.example' "https://127.0.0.1:$NP/" || true)
[ "$forged" = "000" ] || { say "FAIL a request for another host name was answered ($forged)"; exit 1; }
named=$(curl -sk -o /dev/null -w '%{http_code}' -H 'Host: dichvucong.example.gov.vn' "https://127.0.0.1:$NP/")
[ "$named" = "200" ] || { say "FAIL the site's own name was not served ($named)"; exit 1; }
echo "ok   nginx closes requests for other host names and serves its own"

[ "${PAUSE:-0}" = 1 ] && { echo "paused: instances :$A1 :$A2, nginx :$NP, primary :$P1, standby :$P2 ($dir)"; sleep 3600; }
# --- Interchangeable instances ---------------------------------------------------------------------------------------
dotnet "$DRIVER" cluster check --instances "http://127.0.0.1:$A1,http://127.0.0.1:$A2" --proxy "https://127.0.0.1:$NP"
# Limits that hold across instances: 25 tracking lookups from one address, shared by nginx between both instances. Each
# instance alone would let all of its ~12 through (20 a minute each); the door's limit (20 a minute) refuses the rest.
ok=0; refused=0; problem=0
for i in $(seq 25); do
  answer=$(curl -sk -o "$dir/track.out" -w '%{http_code} %{content_type}' "https://127.0.0.1:$NP/api/v1/tracking/khong-co-ma-$i")
  case "$answer" in
    "429 application/problem+json") refused=$((refused+1)); grep -q '"status":429' "$dir/track.out" && problem=$((problem+1)) ;;
    429*) refused=$((refused+1)) ;;
    *) ok=$((ok+1)) ;;
  esac
done
[ "$refused" -gt 0 ] && [ "$ok" -le 21 ] && [ "$problem" = "$refused" ] || { say "FAIL the tracking limit did not hold across instances ($ok answered, $refused refused)"; exit 1; }
echo "ok   the tracking limit holds across instances: $ok of 25 answered, $refused refused at the door with a problem document"
# The dashboards the check opened read on the standby: their connections are there, under the reads' application name,
# and none is on the primary.
on_standby=$(psql -p "$P2" -c "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'friendlygov-reads'")
on_primary=$(psql -p "$P1" -c "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'friendlygov-reads'")
[ "$on_standby" -gt 0 ] && [ "$on_primary" = 0 ] || { say "FAIL the dashboards did not read on the standby ($on_standby there, $on_primary on the primary)"; exit 1; }
echo "ok   the dashboards read on the standby ($on_standby connection(s) there, none on the primary)"
static=$(curl -sk -o /dev/null -D - "https://127.0.0.1:$NP/css/site.css" | tr -d '\r' | awk -F': ' 'tolower($1)=="x-cache-status"{print $2}')
static2=$(curl -sk -o /dev/null -D - "https://127.0.0.1:$NP/css/site.css" | tr -d '\r' | awk -F': ' 'tolower($1)=="x-cache-status"{print $2}')
[ "$static2" = HIT ] || { say "FAIL static files are not cached by nginx ($static, then $static2)"; exit 1; }
echo "ok   nginx caches static files ($static, then $static2)"

# A scheduled job runs once across the instances: every fire time of the 5-second audit job has exactly one run.
runs_query="SELECT count(*) || ' ' || count(DISTINCT \"ScheduledFor\") || ' ' || count(DISTINCT \"Instance\") FROM \"ScheduledRuns\" WHERE \"Job\" = 'audit-nightly'"
for i in $(seq 60); do
  [ "$(psql -p "$P1" -d friendlygov -c "$runs_query" | cut -d' ' -f1)" -ge 3 ] && break
  sleep 0.5
done
runs=$(psql -p "$P1" -d friendlygov -c "$runs_query")
read -r total distinct instances <<<"$runs"
if [ "$total" -lt 2 ] || [ "$total" != "$distinct" ]; then say "FAIL the audit job ran $total times for $distinct fire times"; exit 1; fi
echo "ok   the scheduled audit job ran $total times for $total fire times, on $instances instance(s), never twice"

# The moment a point-in-time restore will return to: after it, one more commit (a marker) closes a WAL segment into the
# archive, so recovery sees a commit past the target and stops exactly there.
target=$(psql -p "$P1" -c "SELECT now()")
at_target=$(psql -p "$P1" -d friendlygov -c 'SELECT count(*) FROM "Dossiers"')
sleep 1
psql -p "$P1" -d friendlygov -c "CREATE TABLE pitr_marker(at timestamptz)" -c "INSERT INTO pitr_marker VALUES (now())"
segment=$(psql -p "$P1" -c "SELECT pg_walfile_name(pg_switch_wal())")
for i in $(seq 50); do [ -f "$dir/wal/$segment" ] && break; sleep 0.2; done
[ -f "$dir/wal/$segment" ] || { say "FAIL WAL segment $segment was not archived"; exit 1; }

# --- Failover drill ---------------------------------------------------------------------------------------------------
say "failover drill: intake through nginx, then the primary is killed"
dotnet "$DRIVER" cluster drill --proxy "https://127.0.0.1:$NP" --seconds 30 --clients 8 --out "$dir/acknowledged.txt" --gap-file "$dir/gap" &
drill=$!
sleep 10
before=$(psql -p "$P1" -d friendlygov -c "SELECT count(*) FROM \"Dossiers\" WHERE \"ApplicantName\" = 'Người Thử Chuyển Đổi'")
pg "$PGBIN/pg_ctl" -D "$dir/primary" -m immediate stop >/dev/null   # the machine is lost: no shutdown checkpoint
lost=$(date +%s.%N)
pg "$PGBIN/pg_ctl" -D "$dir/standby" -w promote >/dev/null
# The promoted server is alone now: it must not wait for a synchronous standby that is gone.
psql -p "$P2" -c "ALTER SYSTEM SET synchronous_standby_names = ''" -c "SELECT pg_reload_conf()" >/dev/null
promoted=$(date +%s.%N)
say "primary killed with $before drill dossiers stored; standby promoted in $(awk "BEGIN { printf \"%.1f\", $promoted - $lost }") s"
wait "$drill" || { say "FAIL the drill's load"; tail -n 5 "$dir"/app*.log; exit 1; }
acked=$(sort -u "$dir/acknowledged.txt" | wc -l)
psql -p "$P2" -d friendlygov -c "CREATE TABLE drill_ack(code text)"
psql -p "$P2" -d friendlygov -c "\\copy drill_ack FROM '$dir/acknowledged.txt'"
missing=$(psql -p "$P2" -d friendlygov -c "SELECT count(*) FROM drill_ack a WHERE NOT EXISTS (SELECT 1 FROM \"Dossiers\" d WHERE d.\"Code\" = a.code)")
stored=$(psql -p "$P2" -d friendlygov -c "SELECT count(*) FROM \"Dossiers\" WHERE \"ApplicantName\" = 'Người Thử Chuyển Đổi'")
echo "drill: $acked dossiers acknowledged, $stored stored on the promoted standby, $missing acknowledged but missing; unavailable for at most $(cat "$dir/gap") s"
[ "$acked" -gt 0 ] && [ "$missing" = 0 ] || { say "FAIL acknowledged dossiers were lost"; exit 1; }
[ "$stored" = "$acked" ] || { say "FAIL $stored dossiers stored for $acked acknowledged requests (a retry made a second one, or one was lost)"; exit 1; }
[ "$(psql -p "$P2" -c "SELECT pg_is_in_recovery()")" = f ] || { say "FAIL the standby was not promoted"; exit 1; }

# --- Restore to a point in time: the base backup and the archive, replayed to the moment before the drill -------------
P3=$(free_port)
pg deploy/backup.sh restore --base "$base" --wal "$dir/wal" --target "$target" --datadir "$dir/restored" >/dev/null
pg "$PGBIN/pg_ctl" -D "$dir/restored" -l "$dir/restored.log" -w -t 120 start -o "-p $P3 -k $dir -c listen_addresses=127.0.0.1 $small" >/dev/null
for i in $(seq 100); do [ "$(psql -p "$P3" -c "SELECT pg_is_in_recovery()" 2>/dev/null)" = f ] && break; sleep 0.3; done
restored=$(psql -p "$P3" -d friendlygov -c 'SELECT count(*) FROM "Dossiers"')
marker=$(psql -p "$P3" -d friendlygov -c "SELECT to_regclass('pitr_marker') IS NOT NULL")
pg "$PGBIN/pg_ctl" -D "$dir/restored" -m fast stop >/dev/null
echo "restore to $target: $restored dossiers (there were $at_target then, $stored after the drill); the later marker table present: $marker"
[ "$restored" = "$at_target" ] && [ "$marker" = f ] || { say "FAIL the point-in-time restore is not the database as it was at $target"; exit 1; }
say "passed"
