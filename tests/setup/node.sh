#!/usr/bin/env bash
# The set-up on a machine whose Node.js is too old for the UI build (Debian 12 ships 18.20):
# with a `node` first on the PATH that reports v18 (and otherwise runs the real one, as an old
# Node still runs npm), ensure_node fetches a current LTS into its folder, puts it first on the
# PATH, and the UI builds with it; a second call uses the folder and fetches nothing.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
fail() { echo "node set-up check: $*" >&2; exit 1; }
real="$(command -v node)"
x="$(mktemp -d)"
trap 'rm -rf "$x"' EXIT
mkdir -p "$x/stub"
cat > "$x/stub/node" <<STUB
#!/bin/sh
if [ "\$1" = --version ] || [ "\$1" = -v ]; then echo v18.20.4; exit 0; fi
exec "$real" "\$@"
STUB
chmod +x "$x/stub/node"
[ "$("$x/stub/node" --version)" = v18.20.4 ] || fail "the stub"

export GROEIKOERS_NODE_DIR="$x/node"
PATH="$x/stub:$PATH" bash -c '
  set -euo pipefail
  source "'"$ROOT"'/.scripts/setup.sh"
  ! node_is_current node || { echo "the stub counts as current" >&2; exit 1; }
  ensure_node
  [ "$(command -v node)" = "$GROEIKOERS_NODE_DIR/bin/node" ] || { echo "node is $(command -v node)" >&2; exit 1; }
  [ "$(command -v npm)" = "$GROEIKOERS_NODE_DIR/bin/npm" ] || { echo "npm is $(command -v npm)" >&2; exit 1; }
  node_is_current node
  npm --version >/dev/null
  echo "fetched: node $(node --version), npm $(npm --version)"
  out="$(mktemp -d)"
  (cd "$ROOT/ui" && node node_modules/.bin/vite build --logLevel warn --outDir "$out" --emptyOutDir)
  [ -f "$out/index.html" ] || { echo "no UI built" >&2; exit 1; }
  rm -rf "$out"
' || fail "ensure_node with an old node first on the PATH"

# Again: the folder is used as it is, nothing fetched.
again="$(PATH="$x/stub:$PATH" bash -c 'source "'"$ROOT"'/.scripts/setup.sh"; ensure_node; command -v node')"
[ "$again" = "$GROEIKOERS_NODE_DIR/bin/node" ] || fail "the second call: $again"
grep -q "fetching" <<<"$again" && fail "the second call fetched again"
echo "node set-up check: all good"
