# Sourced by ./openkyc and bench/*.
# Make a PostgreSQL server reachable for the PostgreSQL half of the tests. Prints a JDBC URL.
ensure_postgres() {
  if [ -n "${OPENKYC_TEST_PG_URL:-}" ]; then echo "$OPENKYC_TEST_PG_URL"; return 0; fi
  command -v pg_lsclusters >/dev/null 2>&1 || return 1
  [ "$(id -u)" = 0 ] || return 1
  local cluster version name port
  cluster=$(pg_lsclusters -h | head -n 1)
  [ -n "$cluster" ] || return 1
  version=$(echo "$cluster" | awk '{print $1}'); name=$(echo "$cluster" | awk '{print $2}'); port=$(echo "$cluster" | awk '{print $3}')
  if ! echo "$cluster" | grep -q online; then
    pg_ctlcluster "$version" "$name" start >&2 || return 1
  fi
  for _ in $(seq 1 30); do
    su postgres -c "psql -p $port -tAc 'select 1'" >/dev/null 2>&1 && break
    sleep 1
  done
  su postgres -c "psql -p $port -q -c \"ALTER USER postgres PASSWORD 'postgres'\"" >/dev/null 2>&1 || return 1
  # Each test context makes a database of its own; drop those of earlier runs.
  su postgres -c "psql -p $port -tAc \"SELECT datname FROM pg_database WHERE datname LIKE 'openkyc_test_%'\"" 2>/dev/null |
    while read -r db; do [ -n "$db" ] && su postgres -c "dropdb -p $port --if-exists '$db'" >/dev/null 2>&1; done
  true
  echo "jdbc:postgresql://127.0.0.1:$port/postgres?user=postgres&password=postgres"
}

