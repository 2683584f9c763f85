#!/usr/bin/env bash
# Runs every test (on a JDK 17 or newer): unit, component, against a real Kafka broker and PostgreSQL
# (the tests start them), the Kubernetes manifests, the system tests with the five packaged
# services as processes, and then the published contracts through their ecosystems' own validators.
# What is not a Java dependency is installed here if it is missing (Debian's packages; needs root or
# sudo): a Prometheus server for the health monitor's Prometheus tests, and Node.js with npm for the
# AsyncAPI parser and the OpenAPI validator (tools/contract-validators, versions pinned in its lock file)
# and for the Kubernetes schemas the strict simulated API server runs (vendored by tools/kubernetes-schemas).
set -euo pipefail
cd "$(dirname "$0")"

apt_install() {
  local sudo=""; [[ $(id -u) -ne 0 ]] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

if ! command -v prometheus >/dev/null 2>&1 && [[ ! -x /usr/bin/prometheus && -z "${ROLLWATCH_PROMETHEUS:-}" ]]; then
  if command -v apt-get >/dev/null 2>&1; then
    echo "Installing Prometheus (Debian package) for the health monitor's tests..."
    apt_install prometheus
  else
    echo "The health monitor's tests need a Prometheus server binary: install one, or point" >&2
    echo "ROLLWATCH_PROMETHEUS at it." >&2
    exit 2
  fi
fi

if ! command -v npm >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1; then
    echo "Installing Node.js and npm (Debian packages) for the contract validators..."
    apt_install nodejs npm
  else
    echo "The contract validators need Node.js 18 or newer with npm: install them." >&2
    exit 2
  fi
fi

# With no JAVA_HOME, the newest JDK installed beside the one on PATH (Debian keeps them all under
# /usr/lib/jvm) runs the build: newer JDKs build and test this code faster; it targets Java 17 either way.
if [[ -z "${JAVA_HOME:-}" ]]; then
  feature() { "$1" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}'; }
  best=""; best_version=0
  for java in "$(command -v java || true)" /usr/lib/jvm/*/bin/java; do
    [[ -x "$java" && -x "$(dirname "$java")/javac" ]] || continue
    version=$(feature "$java")
    if [[ "$version" =~ ^[0-9]+$ ]] && (( version > best_version )); then best=$java; best_version=$version; fi
  done
  [[ -n "$best" ]] && export JAVA_HOME="$(cd "$(dirname "$(readlink -f "$best")")/.." && pwd)"
fi

# The strict simulated Kubernetes API (kubernetes-strict) checks every object against the official
# schemas with Node.js, installed above: here no simulated cluster may start without them.
export ROLLWATCH_KUBERNETES_SCHEMAS=required

# A test that fails is run once more and, if it passes then, reported as a flake ("Flakes:" in the
# summary) instead of failing the build: on a busy 2-core machine a few timing-bound integration tests
# (shared test clocks, a mock API server) still lose a race now and then. A real failure fails twice.
# `verify` runs both tiers: *Test in surefire (the fast tier, `./mvnw test`), then *IT in failsafe.
./mvnw -B verify -Dsurefire.rerunFailingTestsCount=1 -Dfailsafe.rerunFailingTestsCount=1 "$@"

# The AsyncAPI document through the AsyncAPI parser and the OpenAPI document the release-service serves
# (kept by its ObservabilityIT) through an OpenAPI validator; the validators' own tests feed each a broken
# document too, so a pass means they looked. --ignore-scripts: no package's install script runs here.
# Only after a whole run: one narrowed with Maven arguments may not have kept the served OpenAPI document.
if [[ $# -eq 0 ]]; then
  echo "Validating the AsyncAPI and OpenAPI documents with the ecosystems' own parsers..."
  (cd tools/contract-validators && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error && npm test)
fi
