#!/usr/bin/env bash
# Installs and caches a real VS Code (code-server 4.100.3 = VS Code 1.100.3, from npm) and the pieces
# to drive it headless (Debian's Chromium, playwright-core), for machines that cannot download VS Code.
# How and why: ../shared/e2e/real-vscode-offline.md. Idempotent: a finished install is reused.
#   ORGDATA_E2E_CACHE  where to install (default: ~/.cache/orgdata-e2e)
set -euo pipefail

CACHE="${ORGDATA_E2E_CACHE:-$HOME/.cache/orgdata-e2e}"
STAMP="$CACHE/.installed-4.100.3-v1"
export npm_config_nodedir=/usr


need_apt=()
command -v chromium >/dev/null || need_apt+=(chromium)
command -v rg >/dev/null || need_apt+=(ripgrep)
command -v nvim >/dev/null || need_apt+=(neovim)
command -v unzip >/dev/null || need_apt+=(unzip)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)
command -v make >/dev/null || need_apt+=(make)
command -v g++ >/dev/null || need_apt+=(g++)
command -v python3 >/dev/null || need_apt+=(python3)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "missing system packages: ${need_apt[*]} (run as root, or install them)" >&2
    exit 1
  fi
  echo "apt-get install ${need_apt[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if [ -f "$STAMP" ]; then
  echo "code-server: cached in $CACHE"
  exit 0
fi

mkdir -p "$CACHE"
cd "$CACHE"
# allowScripts: npm 11 runs a dependency's install script only when approved; argon2 must build
echo '{"name":"orgdata-e2e-cache","private":true,"allowScripts":{"argon2":true}}' > package.json
# --ignore-scripts: code-server's postinstall would download; its steps are redone below
npm install --no-audit --no-fund --ignore-scripts code-server@4.100.3 playwright-core@1 >/dev/null

CS="$CACHE/node_modules/code-server"
VS="$CS/lib/vscode"
(cd "$VS" && npm install --no-audit --no-fund --ignore-scripts --omit=dev >/dev/null)
(cd "$VS/extensions" && npm install --no-audit --no-fund --ignore-scripts --omit=dev >/dev/null && node postinstall.mjs >/dev/null)
ln -sfn node_modules "$VS/node_modules.asar"
ln -sfn code-linux.sh "$VS/bin/remote-cli/code-server"
ln -sfn browser-linux.sh "$VS/bin/helpers/browser.sh"
# @vscode/ripgrep would download its binary: use Debian's
mkdir -p "$VS/node_modules/@vscode/ripgrep/bin"
ln -sfn "$(command -v rg)" "$VS/node_modules/@vscode/ripgrep/bin/rg"

# native addons, against the installed Node's headers (nothing downloads them)
(cd "$CACHE" && npm rebuild argon2 >/dev/null)
[ -f "$CACHE/node_modules/argon2/lib/binding/napi-v3/argon2.node" ] || { echo "argon2 did not build: code-server cannot start" >&2; exit 1; }
GYP="$(npm prefix -g)/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js"
for mod in @vscode/spdlog node-pty native-watchdog kerberos; do
  if [ -d "$VS/node_modules/$mod" ]; then
    (cd "$VS/node_modules/$mod" && node "$GYP" rebuild --nodedir=/usr >/dev/null 2>&1) || echo "warning: could not build $mod" >&2
  fi
done

touch "$STAMP"
echo "code-server: installed in $CACHE"
