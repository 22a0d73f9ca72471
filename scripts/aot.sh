# Sourced by ./openkyc and bench/*: the JDK's ahead-of-time cache for the server (JEP 483/514, JDK 25+).
#
# A training run of the server writes the classes it loaded and linked, and the method profiles it
# gathered, into target/aot/openkyc.aot; later starts map that file instead of loading, verifying
# and linking the same ~15,000 classes again. The cache only works for the exact class path it was
# trained on, and a Spring Boot jar's nested jars are not a plain class path, so the jar is first
# extracted (java -Djarmode=tools ... extract) into target/aot/: openkyc.jar plus lib/*.jar.
# Without the cache (an older JDK, or no training run yet) the server runs from target/openkyc.jar
# as before. docs/DECISIONS.md, Start-up.
aot_dir=target/aot

# aot_train: extract the jar and run the training; a failure only leaves the server without a cache.
aot_train() {
  rm -rf "$aot_dir"
  if [ "$(java_major "$JAVA_HOME/bin/java")" -lt 25 ] 2>/dev/null; then
    echo "AOT cache skipped: it needs JDK 25 or newer (this is $(java_major "$JAVA_HOME/bin/java"))" >&2; return 0
  fi
  local data
  data=$(mktemp -d)
  if "$JAVA_HOME/bin/java" -Djarmode=tools -jar target/openkyc.jar extract --destination "$aot_dir" >target/aot-extract.log 2>&1 &&
     aot_training_run "$data" && [ -s "$aot_dir/openkyc.aot" ]; then
    touch "$aot_dir/openkyc.aot"
  else
    echo "AOT cache not made (see target/aot-training.log, target/aot-extract.log): the server starts without it" >&2
    rm -f "$aot_dir/openkyc.aot"
  fi
  rm -rf "$data"
}

# aot_training_run DATA-DIR: the training run. A fresh sandbox start on the embedded database
# (migrations, first start, every bean), then up to readiness and through the first requests a
# server answers (health, metrics, a customer, a KYC start and its status, the OpenAPI document,
# the console's login page), then a normal stop: the JVM writes the cache as it exits. The cache
# so holds the classes and profiles of the whole start to ready and of the first requests, not
# only those of the context refresh. Same collector as the real runs: the cache records the heap
# layout it was made with.
aot_training_run() {
  local data="$1" log=target/aot-training.log pid port="" i
  OPENKYC_DATA_DIR="$data" "$JAVA_HOME/bin/java" $(server_java_opts) -XX:AOTCacheOutput="$aot_dir/openkyc.aot" \
    $(spring_aot) -jar "$aot_dir/openkyc.jar" --server.port=0 >"$log" 2>&1 &
  pid=$!
  for i in $(seq 1 1200); do
    port=$(sed -n 's/.*Tomcat started on port \([0-9]*\).*/\1/p' "$log" | head -1)
    if [ -n "$port" ] && curl -sf "localhost:$port/actuator/health/readiness" >/dev/null 2>&1; then break; fi
    kill -0 $pid 2>/dev/null || { wait $pid; return 1; }
    port=""; sleep 0.1
  done
  if [ -z "$port" ]; then kill $pid; wait $pid; return 1; fi
  aot_training_requests "localhost:$port" "$data/sandbox-credentials.json" >>"$log" 2>&1 || echo "training requests failed (the cache is still made)" >>"$log"
  kill -TERM $pid
  wait $pid || true # a stop by SIGTERM exits with 143
}

# aot_training_requests HOST:PORT CREDENTIALS-FILE: the first requests of a sandbox user, with the sandbox brand's key.
aot_training_requests() {
  local base="http://$1" identity secret program customer i
  read -r identity secret program < <(python3 -c 'import json,sys; c = json.load(open(sys.argv[1])); print(c["identity"], c["authorization"], c["program_id"])' "$2")
  local auth=(-H "Identity: $identity" -H "Authorization: $secret" -H 'Content-Type: application/json')
  for i in 1 2 3; do
    curl -sf "$base/actuator/health/readiness" >/dev/null
    curl -sf "$base/actuator/health/liveness" >/dev/null
    curl -sf "$base/actuator/prometheus" >/dev/null
    customer=$(curl -sf "${auth[@]}" "$base/api/v0.1/customers" -d '{"first_name": "Jane", "last_name": "Doe", "dob": "1990-04-12",
      "ssn": "123-45-678'$i'", "phone": "555-555-5555", "phone_country_code": "1", "email": "jane@example.com",
      "addresses": [{"address_type": "PHYSICAL", "street": "100 Congress Ave", "city": "Austin", "state": "TX", "zip_code": "78701", "country": "US", "is_primary": true}]}' |
      python3 -c 'import json,sys; print(json.load(sys.stdin)["customer_id"])')
    curl -sf "${auth[@]}" -H "Idempotency-Key: training-$i" "$base/api/v0.1/customers/$customer/verification-kyc" \
      -d '{"program_id": "'$program'", "ssn": "123-45-678'$i'", "phone": "555-555-5555", "phone_country_code": "1", "email": "jane@example.com", "ip": ""}' >/dev/null
    curl -sf "${auth[@]}" "$base/api/v0.1/customers/$customer/verification-kyc" >/dev/null
    curl -sf "${auth[@]}" "$base/api/v0.1/customers/$customer" >/dev/null
    curl -s "${auth[@]}" "$base/api/v0.1/customers/00000000-0000-0000-0000-000000000000" >/dev/null # a 404 in the error envelope
    curl -s "${auth[@]}" "$base/api/v0.1/customers" -d '{' >/dev/null # a 400
  done
  curl -sf "$base/v3/api-docs" >/dev/null
  curl -sf "$base/console/login" >/dev/null
}

# aot_fresh: the cache exists and was trained on the current target/openkyc.jar.
aot_fresh() { [ -s "$aot_dir/openkyc.aot" ] && [ "$aot_dir/openkyc.aot" -nt target/openkyc.jar ]; }

# spring_aot: Spring's AOT mode, for a jar whose build ran Spring's AOT processing (pom.xml, process-aot):
# the bean definitions were worked out at build time, the start only creates the beans. The
# training run and the runs it serves use the same mode (the cache holds the classes that mode loads).
spring_aot() { echo "-Dspring.aot.enabled=true"; }

# server_launch [JAR]: the java arguments that run the server: from the trained extraction with its
# cache when it is fresh and no other jar was asked for, else the jar itself (Spring's AOT mode for
# this build's jar, which has it; another jar, e.g. BENCH_JAR, may not).
server_launch() {
  local jar="${1:-target/openkyc.jar}"
  if [ "$jar" = target/openkyc.jar ] && aot_fresh; then
    # The cache's classes, not its training profiles: compiled from a few minutes of training, the
    # profiles cost P1 a fifth more server CPU per request for good (0.36-0.43 ms against 0.26-0.29 ms
    # without them, bench/p1 back to back, docs/DECISIONS.md); the start is as fast without them.
    echo "-XX:AOTCache=$aot_dir/openkyc.aot -XX:+UnlockDiagnosticVMOptions -XX:-AOTReplayTraining $(spring_aot) -jar $aot_dir/openkyc.jar"
  elif [ "$jar" = target/openkyc.jar ]; then
    echo "$(spring_aot) -jar $jar"
  else
    echo "-jar $jar"
  fi
}
