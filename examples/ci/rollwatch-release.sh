#!/usr/bin/env bash
# Requests a release from Rollwatch and waits for its outcome; the exit code says how it ended.
#
#   ROLLWATCH_URL=https://rollwatch.example.com ROLLWATCH_API_KEY=... \
#   rollwatch-release.sh <namespace> <application> <image> [release.json]
#
# release.json (optional) holds the rest of the request (strategy, SLOs, notifications); without it a
# 10% -> 25% -> 50% -> 100% canary with 5-minute pauses is requested, watched by scraping the new
# version's pods (their prometheus.io/port annotation). A release.json naming no slo.metricSource is
# refused when the installation has no default source; set "slo": {"metricSource": {"type": "none"}}
# only for a release nothing should judge (it is then never rolled back automatically). The CI run's
# id is the Idempotency-Key, so a retried job never starts a second release.
#
# Exit codes: 0 succeeded, 1 rolled back / failed / aborted, 2 bad request or API error, 3 timed out.
# Needs curl and jq.
set -euo pipefail

: "${ROLLWATCH_URL:?set ROLLWATCH_URL}" "${ROLLWATCH_API_KEY:?set ROLLWATCH_API_KEY}"
namespace=${1:?namespace}; application=${2:?application}; image=${3:?image}; spec=${4:-}
timeout_seconds=${ROLLWATCH_TIMEOUT_SECONDS:-3600}
run_id=${GITHUB_RUN_ID:-${CI_PIPELINE_ID:-local}}-${GITHUB_RUN_ATTEMPT:-${CI_JOB_ID:-0}}
pipeline=${GITHUB_REPOSITORY:+github-actions/$GITHUB_REPOSITORY#$GITHUB_RUN_NUMBER}
pipeline=${pipeline:-${CI_PROJECT_PATH:+gitlab/$CI_PROJECT_PATH#$CI_PIPELINE_IID}}
commit=${GITHUB_SHA:-${CI_COMMIT_SHA:-}}
change_url=${ROLLWATCH_CHANGE_URL:-${CI_MERGE_REQUEST_PROJECT_URL:-}}

default_spec='{"strategy":{"type":"canary","stepDeadline":"10m","canary":{"steps":[
  {"setWeight":10},{"pause":{"duration":"5m"}},{"setWeight":25},{"pause":{"duration":"5m"}},
  {"setWeight":50},{"pause":{"duration":"5m"}},{"setWeight":100}]}},
  "slo":{"metricSource":{"type":"scrape"}}}'
base=$(if [[ -n "$spec" ]]; then cat "$spec"; else echo "$default_spec"; fi)

body=$(jq -n --argjson base "$base" --arg ns "$namespace" --arg app "$application" --arg image "$image" \
  --arg pipeline "$pipeline" --arg commit "$commit" --arg change "$change_url" \
  --arg commitTime "$(git log -1 --format=%cI 2>/dev/null || true)" '
  $base + {namespace: $ns, application: $app, image: $image,
           requestedBy: ({pipeline: $pipeline, commit: $commit, changeUrl: $change, commitTime: $commitTime}
                         | with_entries(select(.value != "")))}')

response=$(curl -sS -w '\n%{http_code}' -X POST "$ROLLWATCH_URL/api/v1/releases" \
  -H "Authorization: Bearer $ROLLWATCH_API_KEY" -H 'Content-Type: application/json' \
  -H "Idempotency-Key: $run_id" --data "$body")
status=${response##*$'\n'}; payload=${response%$'\n'*}
if [[ "$status" != 202 ]]; then
  echo "Rollwatch refused the release (HTTP $status):" >&2
  echo "$payload" | jq . >&2 2>/dev/null || echo "$payload" >&2
  exit 2
fi
release=$(echo "$payload" | jq -r .releaseId)
echo "Release $release requested: $ROLLWATCH_URL/api/v1/releases/$release"

deadline=$((SECONDS + timeout_seconds)); last=""
while (( SECONDS < deadline )); do
  detail=$(curl -sS -f -H "Authorization: Bearer $ROLLWATCH_API_KEY" "$ROLLWATCH_URL/api/v1/releases/$release")
  state=$(echo "$detail" | jq -r .release.state)
  line="$state step $(echo "$detail" | jq -r '(.release.currentStep // -1) + 1')/$(echo "$detail" | jq -r '.release.stepCount // "?"'), canary $(echo "$detail" | jq -r '.release.canaryWeight // 0')%"
  [[ "$line" != "$last" ]] && echo "  $line" && last=$line
  case "$state" in
    SUCCEEDED) echo "Release $release succeeded."; exit 0 ;;
    ROLLED_BACK|FAILED|ABORTED)
      echo "Release $release ended $state: $(echo "$detail" | jq -r '.release.reason // ""')" >&2
      echo "$detail" | jq '.lastHealth.evidence // empty' >&2
      exit 1 ;;
  esac
  sleep 10
done
echo "Release $release did not finish within ${timeout_seconds}s (still $state)." >&2
exit 3
