#!/usr/bin/env bash
# Runs Rollwatch on this machine with only a JDK: builds what is missing or out of date, then starts
# a real Kafka broker, a real PostgreSQL and the services as separate processes. Ctrl-C stops all.
set -euo pipefail
cd "$(dirname "$0")"

launcher=deploy/local/target/rollwatch-local.jar
services=(release-service executor-service health-monitor-service rollback-service notifier-service)

needs_build() {
  [[ -f "$launcher" ]] || return 0
  for service in "${services[@]}"; do
    [[ -f "$service/target/quarkus-app/quarkus-run.jar" ]] || return 0
  done
  # Any source or build file changed since the last build?
  [[ -n "$(find . -path ./.git -prune -o \( -path '*/src/*' -o -name pom.xml \) -newer "$launcher" -print -quit)" ]]
}

if needs_build; then
  echo "Building Rollwatch (first run or sources changed; takes a minute or two)..."
  ./mvnw -B -q install -DskipTests
fi

exec java -cp "$launcher:deploy/local/target/lib/*" dev.rollwatch.local.LocalRollwatch "$@"
