#!/usr/bin/env bash
# Runs the Rollwatch benchmark (see benchmarks/README.md): builds what is missing or out of date, then
# starts its own local system on free ports, measures, prints the figures and writes them to
# benchmarks/results/<timestamp>.json and .md. Takes 25-35 minutes with the defaults.
#
# It holds /tmp/rollwatch-system.lock while it runs (system tests take the same lock), so two full
# systems never compete for the machine and skew each other's figures; builds take
# /tmp/rollwatch-mvn.lock. Both only where flock(1) exists.
#
# `--only judgement` starts no system: it builds only the benchmark and what it depends on, needs no
# packaged services, and takes no system lock (about 5 minutes with the defaults).
set -euo pipefail
cd "$(dirname "$0")/.."

jar=benchmarks/target/rollwatch-benchmarks.jar
services=(release-service executor-service health-monitor-service rollback-service notifier-service)
java_cmd=java
[[ -n "${JAVA_HOME:-}" ]] && java_cmd="$JAVA_HOME/bin/java"

locked() {
  local lock=$1
  shift
  if command -v flock >/dev/null; then flock "$lock" "$@"; else "$@"; fi
}

# Does any part need the local system? Only `--only judgement` does without it.
needs_system=true
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  if [[ "${args[i]}" == "--only" && $((i + 1)) -lt ${#args[@]} ]]; then
    needs_system=false
    IFS=',' read -ra parts <<<"${args[i + 1]}"
    for part in "${parts[@]}"; do
      [[ "${part// /}" == "judgement" ]] || needs_system=true
    done
  fi
done

needs_build() {
  [[ -f "$jar" ]] || return 0
  local sources=(.)
  if $needs_system; then
    for service in "${services[@]}"; do
      [[ -f "$service/target/quarkus-app/quarkus-run.jar" ]] || return 0
    done
  else
    # The judgement part runs the health monitor's judge from the benchmark's own classpath.
    sources=(pom.xml benchmarks health-monitor-service schemas eventing deploy/local)
  fi
  # Any source or build file changed since the last build?
  [[ -n "$(find "${sources[@]}" -path ./.git -prune -o \( -path '*/src/main/*' -o -name pom.xml \) -newer "$jar" \
    -print -quit)" ]]
}

if needs_build; then
  if $needs_system; then
    echo "Building Rollwatch and the benchmark (takes a few minutes)..."
    locked /tmp/rollwatch-mvn.lock ./mvnw -B -q install -DskipTests
  else
    echo "Building the benchmark and the modules it depends on..."
    locked /tmp/rollwatch-mvn.lock ./mvnw -B -q install -DskipTests -pl benchmarks -am
  fi
fi

for arg in "$@"; do
  if [[ "$arg" == "--help" || "$arg" == "-h" ]]; then exec "$java_cmd" -jar "$jar" --help; fi
done

if ! $needs_system; then
  exec "$java_cmd" -Xmx1g -jar "$jar" "$@"
fi
if command -v flock >/dev/null && ! flock -n /tmp/rollwatch-system.lock true; then
  echo "Another local system or system test holds /tmp/rollwatch-system.lock; waiting for it to finish..."
fi
locked /tmp/rollwatch-system.lock "$java_cmd" -Xmx1g -jar "$jar" "$@"
