#!/usr/bin/env bash
# Installs what test/e2e/vscode.test.ts needs to drive a real VS Code headless:
#   - Debian packages: chromium (the browser), ripgrep (code-server's search),
#     libkrb5-dev (code-server's kerberos native module builds against it);
#   - code-server (VS Code served over HTTP), into a cache folder outside the
#     extension's dependencies: it is ~300 MB and builds native modules.
# Idempotent: a second run finds everything and returns at once.
# Only the npm registry and Debian's archive are used; code-server's ripgrep
# postinstall, which would download from GitHub, is fed Debian's rg instead.
set -euo pipefail

CODE_SERVER_VERSION=4.100.3          # VS Code 1.100.3: the newest that runs on Node 20
RIPGREP_PACKAGE_VERSION=1.15.11      # what @vscode/ripgrep in that code-server expects
RIPGREP_RELEASE=v13.0.0-10

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cache=${GO_FOR_TS_CACHE:-$root/.cache}
dest=$cache/code-server/$CODE_SERVER_VERSION
entry=$dest/node_modules/code-server/out/node/entry.js

log() { printf 'e2e-setup: %s\n' "$*"; }

missing_packages=()
[ -x /usr/bin/chromium ] || missing_packages+=(chromium)
command -v rg >/dev/null 2>&1 || missing_packages+=(ripgrep)
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing_packages+=(libkrb5-dev)
# node-gyp builds code-server's native modules (node-pty, kerberos).
command -v make >/dev/null 2>&1 && command -v g++ >/dev/null 2>&1 || missing_packages+=(build-essential)
command -v python3 >/dev/null 2>&1 || missing_packages+=(python3)
if [ ${#missing_packages[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    log "missing Debian packages: ${missing_packages[*]}; run as root or: sudo apt-get install -y ${missing_packages[*]}" >&2
    exit 1
  fi
  log "installing ${missing_packages[*]} with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${missing_packages[@]}" >/dev/null
fi

if [ -f "$dest/.complete" ] && [ -f "$entry" ]; then
  log "code-server $CODE_SERVER_VERSION ready in $dest"
  exit 0
fi

case "$(uname -m)" in
  x86_64) rg_target=x86_64-unknown-linux-musl ;;
  aarch64) rg_target=aarch64-unknown-linux-gnu ;;
  *) log "no ripgrep seed for $(uname -m); the install may try to download it" >&2; rg_target= ;;
esac

# The .complete marker is written last, so an interrupted run is redone from scratch
# rather than leaving a half-installed cache that looks ready. (Installed in place:
# native modules and postinstall steps may remember their absolute path.)
staging=$dest
rm -rf "$staging"
mkdir -p "$staging/tmp"
printf '{ "name": "go-for-ts-e2e-code-server", "private": true }\n' >"$staging/package.json"

if [ -n "$rg_target" ]; then
  seed=$staging/tmp/vscode-ripgrep-cache-$RIPGREP_PACKAGE_VERSION
  mkdir -p "$seed/bin"
  cp "$(command -v rg)" "$seed/bin/rg"
  tar -czf "$seed/ripgrep-$RIPGREP_RELEASE-$rg_target.tar.gz" -C "$seed/bin" rg
  rm -rf "$seed/bin"
fi

log "installing code-server@$CODE_SERVER_VERSION into $dest (about 2 minutes, ~300 MB)"
started=$(date +%s)
(
  cd "$staging"
  # Root installs need unsafe-perm; node-pty's postinstall runs `npx node-gyp`, which must not prompt.
  TMPDIR=$staging/tmp npm_config_unsafe_perm=true npm_config_yes=true \
    npm install --no-save --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION"
)
rm -rf "$staging/tmp"
[ -f "$staging/node_modules/code-server/out/node/entry.js" ] || { log "code-server entry point missing after install" >&2; exit 1; }
touch "$dest/.complete"
log "code-server $CODE_SERVER_VERSION installed in $(( $(date +%s) - started )) s"
