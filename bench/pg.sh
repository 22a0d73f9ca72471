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
# wal_report START-LSN END-LSN: the WAL between the two positions by record kind, full-page images
# apart, then by the relation its records change first (tables and indexes by name).
wal_report() {
  echo "WAL written during the P1 run ($1 .. $2), by record kind (pg_waldump --stats=record):"
  su postgres -c "$bench_pg_bin/pg_waldump --stats=record -p $bench_pg_dir/data/pg_wal -s $1 -e $2" 2>&1 | head -n 40 | sed 's/^/  /'
  bench_psql "-d openkyc_bench -F ' ' -c 'SELECT pg_relation_filenode(oid), relname FROM pg_class WHERE pg_relation_filenode(oid) IS NOT NULL'" > bench/.work/relnames.txt
  su postgres -c "$bench_pg_bin/pg_waldump -p $bench_pg_dir/data/pg_wal -s $1 -e $2" 2>/dev/null | python3 -c '
import re, sys, collections
names = dict(line.split(" ", 1) for line in open("bench/.work/relnames.txt").read().split("\n") if " " in line)
size, count, fpi = collections.Counter(), collections.Counter(), collections.Counter()
for line in sys.stdin:
    m = re.search(r"len \(rec/tot\):\s+\d+/\s*(\d+).*?desc: (\S+)", line)
    r = re.search(r"blkref #0: rel \d+/\d+/(\d+)", line)
    if not m: continue
    rel = names.get(r.group(1), r.group(1)) if r else "-"
    kind = line.split()[1] + "/" + m.group(2)
    size[rel] += int(m.group(1)); count[rel, kind] += 1
    if "FPW" in line: fpi[rel] += 1
total = sum(size.values())
print("  by relation: MB share records-by-kind full-page-images")
for rel, n in size.most_common(25):
    kinds = ", ".join("%s %d" % (k, c) for (r, k), c in count.most_common() if r == rel)
    print("  %-40s %7.1f MB %5.1f%%  fpi %d  %s" % (rel, n / 1e6, 100.0 * n / total, fpi[rel], kinds[:200]))
'
}
