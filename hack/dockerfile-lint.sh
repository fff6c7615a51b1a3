#!/usr/bin/env bash
# hack/dockerfile-lint.sh - lint the Dockerfile with dockerfilelint (an npm package), installed on
# first use into a cache folder OUTSIDE the clone. No container engine is needed (none runs here).
#
# Usage: hack/dockerfile-lint.sh [Dockerfile]   (default: the repository's Dockerfile)
# Prints dockerfilelint's report; exits with its exit code (0: no issues).
# Environment (optional):
#   SLOSCALER_DOCKERFILELINT=PATH             use this dockerfilelint instead
#   SLOSCALER_DOCKERFILELINT_CACHE=DIR        cache folder (default /var/cache/sloscaler-dockerfilelint,
#                                             or ${XDG_CACHE_HOME:-~/.cache}/sloscaler-dockerfilelint)
set -euo pipefail

VERSION=1.8.0
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
FILE=${1:-$ROOT/Dockerfile}

LOG_PREFIX=dockerfile-lint
DIE_STATUS=2 # 0 and 1 are dockerfilelint's own verdict
# shellcheck source=hack/lib.sh
. "$ROOT/hack/lib.sh"

BIN=${SLOSCALER_DOCKERFILELINT:-}
if [ -z "$BIN" ]; then
  CACHE=${SLOSCALER_DOCKERFILELINT_CACHE:-}
  if [ -z "$CACHE" ]; then
    CACHE=/var/cache/sloscaler-dockerfilelint
    mkdir -p "$CACHE" 2>/dev/null && [ -w "$CACHE" ] || CACHE=${XDG_CACHE_HOME:-$HOME/.cache}/sloscaler-dockerfilelint
  fi
  PREFIX=$CACHE/$VERSION
  BIN=$PREFIX/node_modules/.bin/dockerfilelint
  if [ ! -x "$BIN" ]; then
    command -v npm >/dev/null 2>&1 || die "npm is not installed (apt-get install npm)"
    mkdir -p "$CACHE"
    exec 9>"$CACHE/.lock"
    flock -w 300 9 || die "timed out waiting for $CACHE/.lock"
    if [ ! -x "$BIN" ]; then
      log "installing dockerfilelint@$VERSION into $PREFIX"
      npm install --silent --no-audit --no-fund --no-save --prefix "$PREFIX" "dockerfilelint@$VERSION" >&2 \
        || die "npm install dockerfilelint@$VERSION failed"
    fi
  fi
fi
[ -x "$BIN" ] || die "no dockerfilelint at $BIN"
exec "$BIN" "$FILE"
