# Sourced by the benchmarks after bench/pg.sh: an OpenKYC server on the benchmark's PostgreSQL,
# a brand, and customers seeded straight into the database.
source scripts/aot.sh
bench_token=bench-admin-token
bench_servers=()

# start_bench_server DATABASE PORT [server arguments...]: sets bench_server (pid); log in bench/.work/server-PORT.log.
# BENCH_POOL sets the connection pool (32), BENCH_SERVER_ARGS and BENCH_JVM_ARGS add to every server,
# BENCH_JAR runs another build than target/openkyc.jar (for comparing two builds in one sitting),
# BENCH_ACCESS_LOG=INFO turns the access log on (one line per request with its latency).
# The JVM runs with the options ./openkyc run gives it (server_java_opts), with the AOT cache when it is fresh (scripts/aot.sh).
# Servers on one database share a data directory (it holds the sandbox's encryption keys).
start_bench_server() {
  local db="$1" port="$2"; shift 2
  local data=/tmp/openkyc-bench-data-$db
  mkdir -p "$data"
  bench_psql "-c 'CREATE DATABASE $db'" >/dev/null 2>&1 || true
  SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:$bench_pg_port/$db" SPRING_DATASOURCE_USERNAME=postgres SPRING_DATASOURCE_PASSWORD=postgres \
  OPENKYC_DATA_DIR="$data" OPENKYC_ADMIN_TOKEN=$bench_token \
    "$JAVA_HOME/bin/java" -Xmx1g $(server_java_opts) ${BENCH_JVM_ARGS:-} $(server_launch "${BENCH_JAR:-}") --server.port=$port --logging.level.org.openkyc.access=${BENCH_ACCESS_LOG:-WARN} \
    --spring.datasource.hikari.maximum-pool-size=${BENCH_POOL:-32} "$@" ${BENCH_SERVER_ARGS:-} > "bench/.work/server-$port.log" 2>&1 &
  bench_server=$!
  bench_servers+=("$bench_server:$data")
  bench_log=bench/.work/server-$port.log
  until curl -sf "localhost:$port/actuator/health/readiness" >/dev/null; do
    kill -0 $bench_server 2>/dev/null || { echo "server failed to start: bench/.work/server-$port.log" >&2; return 1; }
    sleep 0.2
  done
}

stop_bench_servers() {
  local entry
  for entry in "${bench_servers[@]}"; do
    kill "${entry%%:*}" 2>/dev/null || true
    wait "${entry%%:*}" 2>/dev/null || true
    rm -rf "${entry#*:}"
  done
  bench_servers=()
  rm -rf /tmp/openkyc-bench-data-*
}

# bench_brand PORT: creates a brand; sets brand_id, identity, secret, program
bench_brand() {
  local brand
  brand=$(curl -sf -H "X-Admin-Token: $bench_token" -H 'Content-Type: application/json' "localhost:$1/admin/brands" -d '{"name": "bench"}')
  read -r brand_id identity secret program < <(python3 -c "import json,sys; b = json.loads(sys.argv[1]); print(b['brand_id'], b['identity'], b['authorization'], b['program_id'])" "$brand")
}

# seed_customers DATABASE BRAND_ID COUNT FILE: customers with an address and no personal data (the
# KYC request brings SSN, phone and e-mail), their ids in random order in FILE
seed_customers() {
  local db="$1" brand="$2" count="$3" file="$4"
  bench_psql "-d $db -c \"INSERT INTO customer (customer_id, brand_id, first_name, last_name, kyc_requests_available, date_created, date_updated)
    SELECT gen_random_uuid(), '$brand', 'Bench', 'Customer', 3, now(), now() FROM generate_series(1, $count)\"" >/dev/null
  bench_psql "-d $db -c \"INSERT INTO customer_address (address_id, customer_id, address_type, street, city, state, zip_code, country, is_primary, deliverability, date_created, date_updated)
    SELECT gen_random_uuid(), customer_id, 'PHYSICAL', '1 Main St', 'Austin', 'TX', '78701', 'US', true, 'deliverable', now(), now() FROM customer WHERE brand_id = '$brand'\"" >/dev/null
  bench_psql "-d $db -c \"SELECT customer_id FROM customer WHERE brand_id = '$brand' ORDER BY random()\"" > "$file"
  # A live database has long since vacuumed and analysed its customers: without this, autovacuum
  # works through the fresh rows during the measured run (measured: 8% of the machine's CPU).
  bench_psql "-d $db -c 'VACUUM ANALYZE customer, customer_address'" >/dev/null
}

# expired_keys BRAND_ID COUNT: COUNT idempotency keys from 25 hours ago; waits for the server's
# purge (run it with a short --openkyc.idempotency.purge-interval) to remove them, then vacuums, as
# autovacuum would, so their room is free for new keys.
expired_keys() {
  bench_psql "-d openkyc_bench -c \"INSERT INTO idempotency_key (brand_id, method, path, idem_key, fingerprint, created_at, response_status, response_body)
    SELECT '$1', 'POST', '/api/v0.1/customers/' || gen_random_uuid() || '/verification-kyc', 'bench-' || gen_random_uuid(), md5(g::text) || md5(g::text),
      now() - interval '25 hours', 201, repeat('x', 200) FROM generate_series(1, $2) g\"" >/dev/null
  until [ "$(bench_psql "-d openkyc_bench -c 'SELECT COUNT(*) FROM idempotency_key'")" = 0 ]; do sleep 1; done
  bench_psql "-d openkyc_bench -c 'VACUUM (TRUNCATE false) idempotency_key'" >/dev/null
}

# CPU seconds (in clock ticks) used so far by the given processes
cpu_of() { for pid in "$@"; do cat "/proc/$pid/stat" 2>/dev/null || true; done | awk '{s += $14 + $15} END {print s + 0}'; }
# The benchmark's own PostgreSQL only (its postmaster and the processes it forked), not other clusters on the machine.
pg_pids() {
  local postmaster
  postmaster=$(head -n 1 "$bench_pg_dir/data/postmaster.pid" 2>/dev/null) || return 0
  echo "$postmaster"; pgrep -P "$postmaster" || true
}

# With BENCH_PG_EXTRA="-c shared_preload_libraries=pg_stat_statements": the statements that took
# the most time in DATABASE since the last call (for finding where a benchmark's time goes).
pg_top_statements() {
  bench_psql "-d $1 -c 'CREATE EXTENSION IF NOT EXISTS pg_stat_statements'" >/dev/null 2>&1 || return 0
  bench_psql "-d $1 -c \"SELECT round(total_exec_time) || ' ms, ' || calls || ' calls, per call ' || round(wal_bytes / calls) || ' B of WAL, '
    || round((shared_blks_hit + shared_blks_read) / calls::numeric, 1) || ' blocks: ' || left(regexp_replace(query, '\\s+', ' ', 'g'), 120)
    FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 12\"" 2>/dev/null || return 0
  bench_psql "-d $1 -c 'SELECT pg_stat_statements_reset()'" >/dev/null 2>&1 || true
}

# With BENCH_PG_WAITS=1, bench/p1 samples what PostgreSQL's busy sessions wait on every 10 ms during
# the run (pg_stat_activity: WAL flushes, locks, the client...) and reports WAL syncs and their time
# (pg_stat_wal; add "-c track_wal_io_timing=on" to BENCH_PG_EXTRA for the time).
# pg_waits_start DATABASE SECONDS: starts the sampler (sets pg_waits_pid); pg_waits_report DATABASE: waits for it, prints.
pg_waits_start() {
  bench_psql "-d $1 -c 'DROP TABLE IF EXISTS bench_waits; CREATE UNLOGGED TABLE bench_waits (at timestamptz, wait text, state text)'" >/dev/null
  bench_psql "-d $1 -c \"SELECT pg_stat_reset_shared('wal')\"" >/dev/null
  bench_psql "-d $1 -c \"DO \\\$\\\$ DECLARE stop timestamptz := clock_timestamp() + interval '$2 seconds'; BEGIN
    WHILE clock_timestamp() < stop LOOP
      PERFORM pg_stat_clear_snapshot();
      INSERT INTO bench_waits SELECT clock_timestamp(), CASE WHEN wait_event IS NULL AND state = 'active' THEN 'CPU' ELSE coalesce(wait_event_type || ':' || wait_event, '-') END, state FROM pg_stat_activity
        WHERE datname = '$1' AND pid <> pg_backend_pid() AND state NOT IN ('idle');
      PERFORM pg_sleep(0.01);
    END LOOP; END \\\$\\\$\"" >/dev/null &
  pg_waits_pid=$!
}
pg_waits_report() {
  wait "$pg_waits_pid" || true
  echo "PostgreSQL sessions in a transaction during the P1 run, by what they were doing (sampled every 10 ms):"
  bench_psql "-d $1 -c \"SELECT round(100.0 * count(*) / sum(count(*)) OVER (), 1) || '%  ' || wait || ' (' || state || ')'
    FROM bench_waits GROUP BY wait, state ORDER BY count(*) DESC LIMIT 8\""
  bench_psql "-d $1 -c \"SELECT 'WAL: ' || pg_size_pretty(wal_bytes) || ', ' || wal_sync || ' syncs, ' || round(wal_sync_time) || ' ms syncing'
    FROM pg_stat_wal\""
  # The stalls: the 10 ms samples in which the most sessions were waiting on anything but the client.
  echo "the 5 samples with the most sessions waiting (not on CPU, not on the client), and on what:"
  bench_psql "-d $1 -c \"SELECT to_char(at, 'HH24:MI:SS.MS') || '  ' || string_agg(wait || ' x' || n, ', ' ORDER BY n DESC) FROM (
      SELECT at, wait, count(*) n FROM bench_waits WHERE wait NOT IN ('CPU', 'Client:ClientRead', '-') GROUP BY at, wait) w
    WHERE at IN (SELECT at FROM bench_waits WHERE wait NOT IN ('CPU', 'Client:ClientRead', '-') GROUP BY at ORDER BY count(*) DESC LIMIT 5)
    GROUP BY at ORDER BY at\""
}

# With BENCH_TIMELINE=1, bench/p1 records one line per second of the run: KYC starts committed
# (the group committer's counter), attempts decided, transactions committed in PostgreSQL, CPU of the
# server and of PostgreSQL, garbage collections and their pause time, and the autovacuum workers at
# work. A tail made of slow phases (a vacuum, a collection, an evaluator burst) shows as dips here;
# one spread evenly over the run does not. timeline_start PORT SERVER-PID DATABASE; timeline_stop prints it.
timeline_start() {
  local port=$1 server=$2 db=$3
  (
    hz=$(getconf CLK_TCK)
    prev=""
    while true; do
      # one scrape: starts committed, decisions, and collections (minor/major) with their pause time
      metrics=$(curl -s "localhost:$port/actuator/prometheus" | awk '
        /^openkyc_kyc_start_group_size_sum/ {starts = $NF}
        /^openkyc_kyc_decisions_total/ {decided += $NF}
        /^jvm_gc_pause_seconds_count/ {if ($0 ~ /minor/) yc += $NF; else fc += $NF}
        /^jvm_gc_pause_seconds_sum/ {if ($0 ~ /minor/) yt += $NF; else ft += $NF}
        END {printf "%d %d %d %.4f %d %.4f", starts, decided, yc, yt, fc, ft}')
      read -r commits vacuums < <(bench_psql "-d $db -c \"SELECT (SELECT xact_commit FROM pg_stat_database WHERE datname = '$db') || ' ' ||
        coalesce((SELECT string_agg(replace(regexp_replace(query, '^autovacuum: *', ''), ' ', '_'), ';') FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'), '-')\"")
      line="$(date +%s.%N | cut -c1-14) $metrics $commits $(cpu_of "$server") $(cpu_of $(pg_pids))"
      [ -n "$prev" ] && echo "$prev $line $hz $vacuums" | awk '{n = 10; dt = $(n+1) - $1
        printf "%6.1fs starts %5.0f/s decided %5.0f/s commits %5.0f/s cpu server %3.0f%% pg %3.0f%% minor GCs %d (%.0f ms) major GCs %d (%.0f ms) vacuum %s\n",
          $(n+1) - t0, ($(n+2) - $2) / dt, ($(n+3) - $3) / dt, ($(n+8) - $8) / dt, 100 * ($(n+9) - $9) / $21 / dt, 100 * ($(n+10) - $10) / $21 / dt,
          $(n+4) - $4, 1000 * ($(n+5) - $5), $(n+6) - $6, 1000 * ($(n+7) - $7), $22}' t0="$t0"
      [ -z "$prev" ] && t0=$(echo "$line" | cut -d' ' -f1)
      prev=$line
      sleep 1
    done
  ) > bench/.work/timeline.txt 2>&1 &
  timeline_pid=$!
}
timeline_stop() {
  kill "$timeline_pid" 2>/dev/null || true
  wait "$timeline_pid" 2>/dev/null || true
  echo "P1 run second by second (BENCH_TIMELINE):"
  cat bench/.work/timeline.txt
}
