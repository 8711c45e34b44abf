#!/usr/bin/env bash
# Backups of a province's PostgreSQL, with the WAL archive of deploy/postgresql/primary.conf:
#   deploy/backup.sh base    --host H --port P --dest DIR        a base backup (pg_basebackup, compressed tar) in DIR/base-<time>
#   deploy/backup.sh restore --base DIR/base-<time> --wal WALDIR --target '2026-12-01 09:30:00+07' --datadir NEWDIR
#                                                                 a new data directory that replays the archive up to the
#                                                                 target time and then becomes a primary (point-in-time recovery)
# Keep base backups and the WAL archive on another machine; with a weekly base backup and the archive, any moment since the
# oldest kept base backup can be restored (docs/operations.md). deploy/cluster.sh tests a restore to a point in time.
set -euo pipefail
PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)}
cmd=${1:-}; shift || true
host=127.0.0.1 port=5432 user=postgres dest="" base="" wal="" target="" datadir=""
while [ $# -gt 0 ]; do
  case "$1" in
    --host) host=$2 ;; --port) port=$2 ;; --user) user=$2 ;; --dest) dest=$2 ;; --base) base=$2 ;;
    --wal) wal=$2 ;; --target) target=$2 ;; --datadir) datadir=$2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift 2
done

case "$cmd" in
  base)
    [ -n "$dest" ] || { echo "--dest is required" >&2; exit 2; }
    out="$dest/base-$(date -u +%Y%m%dT%H%M%SZ)"
    # -X stream: the backup carries the WAL it needs to be consistent on its own; the archive carries what came after.
    "$PGBIN/pg_basebackup" -h "$host" -p "$port" -U "$user" -D "$out" -Ft -z -X stream -c fast --checkpoint=fast -l "friendlygov $(date -u +%FT%TZ)"
    echo "$out"
    ;;
  restore)
    [ -n "$base" ] && [ -n "$wal" ] && [ -n "$target" ] && [ -n "$datadir" ] || { echo "--base, --wal, --target and --datadir are required" >&2; exit 2; }
    [ ! -e "$datadir" ] || [ -z "$(ls -A "$datadir")" ] || { echo "$datadir is not empty" >&2; exit 2; }
    mkdir -p "$datadir"
    chmod 700 "$datadir"
    tar -xzf "$base/base.tar.gz" -C "$datadir"
    tar -xzf "$base/pg_wal.tar.gz" -C "$datadir/pg_wal"
    # Replay the archive up to the target time, then open as a primary. The restored server is a new, separate one: it
    # must not stream from the old primary, archive into the old archive, or wait for the old standby.
    cat >> "$datadir/postgresql.auto.conf" <<EOF
restore_command = 'cp $wal/%f %p'
recovery_target_time = '$target'
recovery_target_action = 'promote'
primary_conninfo = ''
archive_mode = off
synchronous_standby_names = ''
EOF
    touch "$datadir/recovery.signal"
    echo "$datadir: start it with pg_ctl; it replays to $target and then accepts writes"
    ;;
  *) echo "usage: deploy/backup.sh base|restore [options]" >&2; exit 2 ;;
esac
