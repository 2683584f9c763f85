#!/usr/bin/env bash
# Runs every test: unit, component, against a real Kafka broker and PostgreSQL (the tests start
# them), the Kubernetes manifests, and the system tests with the five packaged services as processes.
# The only thing that is not a Java dependency is a Prometheus server for the health monitor's
# Prometheus tests: Debian's package, installed here if it is missing (needs root or sudo).
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v prometheus >/dev/null 2>&1 && [[ ! -x /usr/bin/prometheus && -z "${ROLLWATCH_PROMETHEUS:-}" ]]; then
  if command -v apt-get >/dev/null 2>&1; then
    echo "Installing Prometheus (Debian package) for the health monitor's tests..."
    sudo=""; [[ $(id -u) -ne 0 ]] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends prometheus >/dev/null
  else
    echo "The health monitor's tests need a Prometheus server binary: install one, or point" >&2
    echo "ROLLWATCH_PROMETHEUS at it." >&2
    exit 2
  fi
fi

# Temurin 25 builds faster when the machine has it; the code targets Java 17 either way.
if [[ -z "${JAVA_HOME:-}" && -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi

# A test that fails is run once more and, if it passes then, reported as a flake ("Flakes:" in the
# summary) instead of failing the build: on a busy 2-core machine a few timing-bound integration tests
# (shared test clocks, a mock API server) still lose a race now and then. A real failure fails twice.
exec ./mvnw -B verify -Dsurefire.rerunFailingTestsCount=1 "$@"
