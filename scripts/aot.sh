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
     # The training run: a fresh sandbox start on the embedded database (migrations, first start,
     # every bean), ended once the context is refreshed. Same collector as the real runs: the
     # cache records the heap layout it was made with.
     OPENKYC_DATA_DIR="$data" "$JAVA_HOME/bin/java" $(server_java_opts) -XX:AOTCacheOutput="$aot_dir/openkyc.aot" \
       $(spring_aot) -Dspring.context.exit=onRefresh -jar "$aot_dir/openkyc.jar" --server.port=0 >target/aot-training.log 2>&1 &&
     [ -s "$aot_dir/openkyc.aot" ]; then
    touch "$aot_dir/openkyc.aot"
  else
    echo "AOT cache not made (see target/aot-training.log, target/aot-extract.log): the server starts without it" >&2
    rm -f "$aot_dir/openkyc.aot"
  fi
  rm -rf "$data"
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
    echo "-XX:AOTCache=$aot_dir/openkyc.aot $(spring_aot) -jar $aot_dir/openkyc.jar"
  elif [ "$jar" = target/openkyc.jar ]; then
    echo "$(spring_aot) -jar $jar"
  else
    echo "-jar $jar"
  fi
}
