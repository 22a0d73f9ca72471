# Sourced by bench/p1, p2 and p3: a PostgreSQL server of the benchmark's own, in a temporary
# directory, with settings for a write-heavy service (the stock Debian cluster has 128 MB of shared
# buffers and 4 MB of WAL buffers, so backends spend their time writing pages and WAL themselves).
# Durability is untouched: fsync, synchronous_commit and full_page_writes stay on.
# Sets bench_pg_port; stop_bench_postgres removes it again.
BENCH_PG_SETTINGS="-c shared_buffers=2GB -c wal_buffers=64MB -c max_wal_size=8GB -c checkpoint_timeout=30min -c max_connections=300 ${BENCH_PG_EXTRA:-}"
start_bench_postgres() {
  [ "$(id -u)" = 0 ] || { echo "run as root: the benchmark starts a PostgreSQL server of its own" >&2; return 1; }
  command -v pg_lsclusters >/dev/null 2>&1 || { apt-get update -q >/dev/null; apt-get install -y -q postgresql >/dev/null; }
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  bench_pg_dir=$(mktemp -d /tmp/openkyc-bench-pg.XXXXXX)
  bench_pg_port=${BENCH_PG_PORT:-5499}
  chown postgres "$bench_pg_dir"
  su postgres -c "$bin/initdb -D $bench_pg_dir/data -A trust -U postgres" >/dev/null
  su postgres -c "$bin/pg_ctl -D $bench_pg_dir/data -l $bench_pg_dir/log -w start \
      -o '-p $bench_pg_port -k $bench_pg_dir -c listen_addresses=127.0.0.1 $BENCH_PG_SETTINGS'" >/dev/null
  bench_pg_bin=$bin
  echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on port $bench_pg_port, $BENCH_PG_SETTINGS"
}
stop_bench_postgres() {
  [ -n "${bench_pg_dir:-}" ] || return 0
  su postgres -c "$bench_pg_bin/pg_ctl -D $bench_pg_dir/data -m fast -w stop" >/dev/null 2>&1 || true
  cp "$bench_pg_dir/log" bench/.work/postgres.log 2>/dev/null || true # e.g. for plans logged with auto_explain
  rm -rf "$bench_pg_dir"
}
bench_psql() { su postgres -c "psql -h $bench_pg_dir -p $bench_pg_port -q -tA $*"; }
