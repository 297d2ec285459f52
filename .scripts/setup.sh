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
  # Fonts: emoji in names, Dutch diacritics
  fonts-noto-color-emoji fonts-noto-core
  # Node.js for the UI, when the machine has none
)
TEST_PACKAGES=(
  # A display and the WebDriver for end-to-end tests in the real window
  xvfb xauth x11-utils webkit2gtk-driver xdotool imagemagick
  # A private session bus for the single-instance test
  dbus
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

# npm ci only when package-lock.json changed since the last install.
ensure_node_modules() {
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
