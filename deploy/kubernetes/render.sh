#!/usr/bin/env bash
# Renders every overlay into rendered/<overlay>.yaml: what `kubectl apply -f` installs, reviewed in
# pull requests and validated by the tests even on machines without kubectl.
set -euo pipefail
cd "$(dirname "$0")"
for overlay in overlays/*/; do
  name=$(basename "$overlay")
  kubectl kustomize "$overlay" > "rendered/$name.yaml"
  echo "rendered/$name.yaml"
done
