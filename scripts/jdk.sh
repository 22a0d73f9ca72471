# Sourced by ./openkyc and bench/*: selects a JDK >= 21 into JAVA_HOME, and says how the server's JVM runs.

# The server's JVM options: JAVA_OPTS, or else the parallel collector, which on a 2-core machine costs
# the server 5-10% less CPU per KYC submission than G1 (docs/DECISIONS.md, Performance).
# The server's JVM options (JAVA_OPTS replaces them). C2 compiles a method after 4x the JDK's
# default counts (tier-4 thresholds): on two cores, C2 took over a third of the start's CPU
# compiling what the start runs a few thousand times and never again (start to ready 3.4-3.8 s ->
# 2.3-2.6 s with the AOT cache); what a loaded server runs crosses the higher counts within seconds
# (bench/p1, back to back: server CPU per request 0.26-0.28 ms against 0.31-0.33 ms). docs/DECISIONS.md.
server_java_opts() {
  echo "${JAVA_OPTS:--XX:+UseParallelGC -XX:Tier4InvocationThreshold=20000 -XX:Tier4MinInvocationThreshold=2400 -XX:Tier4CompileThreshold=60000 -XX:Tier4BackEdgeThreshold=160000}"
}
java_major() { "$1" -version 2>&1 | awk -F'"' '/version/ {split($2, v, "."); print (v[1] == "1" ? v[2] : v[1]); exit}'; }

# Pick a JDK >= 21: JAVA_HOME if it qualifies, else the newest under /usr/lib/jvm, else java on PATH.
select_jdk() {
  local candidates=() c
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  for c in $(ls -d /usr/lib/jvm/*/ /Library/Java/JavaVirtualMachines/*/Contents/Home/ 2>/dev/null | sort -rV); do candidates+=("${c%/}"); done
  for c in "${candidates[@]}"; do
    if [ -x "$c/bin/java" ] && [ -x "$c/bin/javac" ] && [ "$(java_major "$c/bin/java")" -ge 21 ] 2>/dev/null; then
      export JAVA_HOME="$c"; return 0
    fi
  done
  if command -v javac >/dev/null && [ "$(java_major java)" -ge 21 ] 2>/dev/null; then
    JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"; export JAVA_HOME; return 0
  fi
  cat >&2 <<'MSG'
OpenKYC needs a JDK 21 or newer, and none was found (JAVA_HOME, /usr/lib/jvm, PATH).
Install one, for example:
  Debian/Ubuntu:  sudo apt-get install openjdk-21-jdk      (or Temurin 21/25 from adoptium.net)
  macOS:          brew install openjdk@21
then run this command again, or point JAVA_HOME at it.
MSG
  exit 1
}

