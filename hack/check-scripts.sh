#!/usr/bin/env bash
# hack/check-scripts.sh - check the shell scripts of the repository: `bash -n` (syntax) on each, and
# `shellcheck -x` (following the sourced hack/lib.sh) when shellcheck is installed. hack/test.sh
# runs it first, so a broken script fails the suite before anything is installed or started.
#
# Usage: hack/check-scripts.sh   (checks hack/*.sh and .ci/run; exits 1 if one of them fails)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LOG_PREFIX=check-scripts
# shellcheck source=hack/lib.sh
. "$ROOT/hack/lib.sh"

cd "$ROOT"
SCRIPTS=(hack/*.sh .ci/run)
FAILED=0
for f in "${SCRIPTS[@]}"; do
  bash -n "$f" || { log "bash -n $f failed"; FAILED=1; }
done
if command -v shellcheck >/dev/null 2>&1; then
  shellcheck -x -s bash "${SCRIPTS[@]}" >&2 || { log "shellcheck found problems (above)"; FAILED=1; }
  WITH=" and shellcheck"
else
  WITH=" (shellcheck is not installed: syntax only)"
fi
[ "$FAILED" = 0 ] || die "script checks failed"
log "${#SCRIPTS[@]} scripts pass bash -n$WITH"
