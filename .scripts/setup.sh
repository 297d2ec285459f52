#!/usr/bin/env bash
# Installs what Groeikoers needs on Debian/Ubuntu, only what is missing. Safe to repeat.
# Sourced by .scripts/run-app and .scripts/test-all.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ROOT

say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

APT_PACKAGES=(
  # Tauri 2 on Linux
  libwebkit2gtk-4.1-dev build-essential file libxdo-dev libssl-dev
  libayatana-appindicator3-dev librsvg2-dev pkg-config curl ca-certificates
  # The device key in the Secret Service (keyring crate)
  libdbus-1-dev
  # Fonts: emoji in names, Dutch diacritics
  fonts-noto-color-emoji fonts-noto-core
  # Node.js for the UI, when the machine has none (too old: see ensure_node)
)
TEST_PACKAGES=(
  # A display and the WebDriver for end-to-end tests in the real window
  xvfb xauth x11-utils webkit2gtk-driver xdotool imagemagick
  # A private session bus for the single-instance test, and a Secret Service on it for the
  # device-key test (gnome-keyring; secret-tool reads it back)
  dbus gnome-keyring libsecret-tools
  # Reading back and checking PDFs
  poppler-utils qpdf
  # Checking the Linux package: desktop entry, AppStream metainfo, man pages
  desktop-file-utils appstream man-db
  # Reading calendar files back with Python's icalendar (in a virtual environment)
  python3 python3-venv
)

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else echo "Need root (or sudo) to run: $*" >&2; return 1
  fi
}

ensure_apt() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then missing+=(nodejs npm); fi
  if [ ${#missing[@]} -gt 0 ]; then
    say "Installing system packages: ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
}

ensure_rust() {
  if ! command -v cargo >/dev/null && [ -x "$HOME/.cargo/bin/cargo" ]; then
    export PATH="$HOME/.cargo/bin:$PATH"
  fi
  if ! command -v cargo >/dev/null; then
    say "Installing Rust (rustup, stable)"
    curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal -c clippy,rustfmt
    export PATH="$HOME/.cargo/bin:$PATH"
  fi
  if command -v rustup >/dev/null; then
    rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy
    rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt
  fi
}

# The UI build (Vite 7) needs Node ^20.19 or >= 22.12. Debian 12's nodejs is 18.20: when the
# Node on the PATH is older (or missing), a current LTS is fetched once from the npm registry
# (the packages node-linux-<arch>, which ship the binary, and npm) into target/node and put
# first on the PATH. Nothing outside the checkout changes.
NODE_LTS=24.22.1
NPM_VERSION=11.6.2

node_is_current() {
  local v
  v="$("${1:-node}" --version 2>/dev/null)" || return 1
  v="${v#v}"
  local major="${v%%.*}" rest="${v#*.}"
  local minor="${rest%%.*}"
  [[ "$major" =~ ^[0-9]+$ && "$minor" =~ ^[0-9]+$ ]] || return 1
  (( major > 22 || (major == 22 && minor >= 12) || (major == 20 && minor >= 19) ))
}

ensure_node() {
  local dir="${GROEIKOERS_NODE_DIR:-$ROOT/target/node}"
  if [ -x "$dir/bin/node" ] && node_is_current "$dir/bin/node"; then
    export PATH="$dir/bin:$PATH"
  fi
  if node_is_current node && command -v npm >/dev/null; then return 0; fi
  local arch
  case "$(uname -m)" in
    x86_64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) echo "No Node.js package for $(uname -m): install Node.js >= 22.12 yourself" >&2; return 1 ;;
  esac
  command -v npm >/dev/null || { echo "npm is needed to fetch Node.js" >&2; return 1; }
  say "Node.js $(node --version 2>/dev/null || echo "missing") is too old for the UI build: fetching Node.js $NODE_LTS into target/node"
  local tmp
  tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack --silent "node-linux-$arch@$NODE_LTS" "npm@$NPM_VERSION" >/dev/null)
  rm -rf "$dir.new" && mkdir -p "$dir.new/bin" "$dir.new/lib/npm"
  tar -xzf "$tmp"/node-linux-*.tgz -C "$dir.new" --strip-components=1 package/bin/node
  tar -xzf "$tmp"/npm-*.tgz -C "$dir.new/lib/npm" --strip-components=1
  rm -rf "$tmp"
  printf '#!/bin/sh\nexec "$(dirname "$0")/node" "$(dirname "$0")/../lib/npm/bin/npm-cli.js" "$@"\n' > "$dir.new/bin/npm"
  printf '#!/bin/sh\nexec "$(dirname "$0")/node" "$(dirname "$0")/../lib/npm/bin/npx-cli.js" "$@"\n' > "$dir.new/bin/npx"
  chmod +x "$dir.new/bin/npm" "$dir.new/bin/npx"
  node_is_current "$dir.new/bin/node" || { echo "the fetched Node.js does not run here" >&2; return 1; }
  rm -rf "$dir" && mv "$dir.new" "$dir"
  export PATH="$dir/bin:$PATH"
  echo "Using Node.js $(node --version) from $dir"
}

# npm ci only when package-lock.json changed since the last install.
ensure_node_modules() {
  ensure_node
  local stamp="$ROOT/ui/node_modules/.groeikoers-lock-sha"
  local want
  want="$(sha256sum "$ROOT/ui/package-lock.json" | cut -d' ' -f1)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    say "Installing UI packages (npm ci)"
    (cd "$ROOT/ui" && npm ci --no-audit --no-fund --loglevel=error)
    echo "$want" > "$stamp"
  fi
}

# Python packages for the ICS and XLSX read-back tests, in target/pyenv, reinstalled
# only when tests/requirements.txt changed.
ensure_python_venv() {
  local venv="$ROOT/target/pyenv" req="$ROOT/tests/requirements.txt"
  local stamp="$venv/.groeikoers-req-sha" want
  want="$(sha256sum "$req" | cut -d' ' -f1)"
  if [ ! -x "$venv/bin/python" ] || [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    say "Installing Python packages for the read-back tests (target/pyenv)"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$req"
    echo "$want" > "$stamp"
  fi
  export GROEIKOERS_PYTHON="$venv/bin/python"
}

build_ui() {
  say "Building the UI"
  (cd "$ROOT/ui" && node_modules/.bin/vite build --logLevel warn)
}

# The build of the app and the CLI for the packages, in one cargo invocation so both share one
# feature set and nothing compiles twice. GROEIKOERS_PROFILE: release (the default: what
# people install) or dev (the test command: the debug build its other stages made already,
# without the end-to-end hooks). Output: target/<dir>/groeikoers and groeikoers-cli.
build_profile() { echo "${GROEIKOERS_PROFILE:-release}"; }
profile_dir() { local p; p="$(build_profile)"; [ "$p" = dev ] && echo debug || echo "$p"; }
build_app_and_cli() {
  (cd "$ROOT" && cargo build --profile "$(build_profile)" --locked -p groeikoers -p pop-cli)
}
