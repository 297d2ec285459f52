#!/usr/bin/env bash
# Checks the Linux package as a user would meet it: the .deb's control fields and contents
# (app, groeikoers-cli, man pages, completions, desktop entry with the plan-file type,
# hicolor icons, AppStream metainfo), the desktop file and metainfo through their validators,
# then (as root or via sudo) installs it, runs the installed CLI and its man page, starts the
# installed app under the current display with a plan file (import preview), removes the package and checks that the user's
# data file is still there, byte for byte. The .rpm is checked to exist and be an RPM.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
fail() { echo "package check: $*" >&2; exit 1; }
as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi
}

case "${GROEIKOERS_PROFILE:-release}" in dev) dir=debug ;; *) dir="${GROEIKOERS_PROFILE:-release}" ;; esac
bundle="$ROOT/target/$dir/bundle"
deb=$(ls "$bundle"/deb/*.deb | head -1)
rpm=$(ls "$bundle"/rpm/*.rpm | head -1)
echo "deb: $deb ($(du -h "$deb" | cut -f1)); rpm: $rpm ($(du -h "$rpm" | cut -f1))"

# Control fields.
[ "$(dpkg-deb -f "$deb" Package)" = groeikoers ] || fail "package name"
dpkg-deb -f "$deb" Depends | grep -q libayatana-appindicator3-1 || fail "Depends lacks the tray library"
dpkg-deb -f "$deb" Depends | grep -q libwebkit2gtk-4.1 || fail "Depends lacks WebKitGTK"
dpkg-deb -f "$deb" Recommends | grep -q shared-mime-info || fail "Recommends lacks shared-mime-info"
dpkg-deb -f "$deb" Maintainer | grep -Eq '<[^@>]+@[^>]+>' || fail "Maintainer has no address"

# Contents.
listing=$(dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\.\{0,1\}/\{0,1\}|./|')
for f in ./usr/bin/groeikoers ./usr/bin/groeikoers-cli \
  ./usr/share/man/man1/groeikoers.1 ./usr/share/man/man1/groeikoers-cli.1 \
  ./usr/share/man/man1/groeikoers-cli-plan-feedback.1 \
  ./usr/share/bash-completion/completions/groeikoers-cli \
  ./usr/share/zsh/vendor-completions/_groeikoers-cli \
  ./usr/share/fish/vendor_completions.d/groeikoers-cli.fish \
  ./usr/share/applications/Groeikoers.desktop \
  ./usr/share/mime/packages/groeikoers.xml \
  ./usr/share/metainfo/nl.groeikoers.desktop.metainfo.xml; do
  grep -qx "$f" <<<"$listing" || fail "missing $f"
done
for s in 16 32 48 64 128 256 512; do
  grep -qx "./usr/share/icons/hicolor/${s}x${s}/apps/groeikoers.png" <<<"$listing" || fail "no ${s}x${s} icon"
done
if grep -q '@2' <<<"$listing"; then fail "an icon in a @2 folder: $(grep '@2' <<<"$listing")"; fi

# The desktop entry and the metainfo, through their validators.
x=$(mktemp -d)
trap 'rm -rf "$x"' EXIT
dpkg-deb -x "$deb" "$x/root"
desktop-file-validate "$x/root/usr/share/applications/Groeikoers.desktop"
# The end-to-end hooks (dialogs answered from the environment) exist only in test builds.
if grep -aq GROEIKOERS_E2E "$x/root/usr/bin/groeikoers"; then fail "the packaged app has the end-to-end test hooks"; fi
# A copy of the end-to-end build (saved by the test command) shows the check above can fail.
e2e_app="${GROEIKOERS_E2E_APP:-$ROOT/target/debug/groeikoers-e2e}"
if [ -f "$e2e_app" ]; then
  grep -aq GROEIKOERS_E2E "$e2e_app" || fail "the end-to-end build lacks the hooks (the check above proves nothing)"
elif [ -n "${GROEIKOERS_E2E_APP:-}" ]; then
  fail "no end-to-end build at $e2e_app (the test command saves it there)"
else
  echo "package check: no end-to-end build at $e2e_app to show the hook check can fail"
fi
grep -q '^MimeType=application/x-groeikoers-pop+json;' "$x/root/usr/share/applications/Groeikoers.desktop" || fail "no plan-file type"
grep -q '^Name\[nl\]=\|^Comment\[nl\]=' "$x/root/usr/share/applications/Groeikoers.desktop" || fail "no Dutch comment"
appstreamcli validate --no-net "$x/root/usr/share/metainfo/nl.groeikoers.desktop.metainfo.xml"
[ "$(head -c 4 "$rpm" | od -An -tx1 | tr -d ' ')" = edabeedb ] || fail "the .rpm is not an RPM"

if ! as_root true 2>/dev/null; then
  echo "package check: not root and no sudo: install, start and remove skipped"
  exit 0
fi

# Install; the user's data (in a home of its own) is made before and must survive removal.
home="$x/home"
data="$home/.local/share/nl.groeikoers.desktop/groeikoers.sqlite3"
mkdir -p "$(dirname "$data")"
as_root dpkg -i "$deb" >/dev/null
/usr/bin/groeikoers-cli --help | grep -q "Groeikoers from the command line" || fail "installed groeikoers-cli --help"
/usr/bin/groeikoers-cli --db "$data" person add --name "Zoë Çelik" >/dev/null
if command -v man >/dev/null; then
  man -P cat groeikoers-cli 2>/dev/null | grep -q "groeikoers-cli" || fail "man groeikoers-cli"
  man -P cat groeikoers 2>/dev/null | grep -q "FILE" || fail "man groeikoers"
fi

# The plan file type is known to the system (the package's triggers ran).
if command -v update-mime-database >/dev/null; then
  [ -f /usr/share/mime/application/x-groeikoers-pop+json.xml ] || fail "the MIME database does not know plan files"
fi
if command -v update-desktop-database >/dev/null; then
  grep -q '^application/x-groeikoers-pop+json=.*Groeikoers.desktop' /usr/share/applications/mimeinfo.cache \
    || fail "plan files do not open in Groeikoers (mimeinfo.cache)"
fi

# The installed app, started as a double-click on a plan file starts it, shows the import
# preview of that file (WebDriver drives the installed binary).
if [ -n "${DISPLAY:-}" ] && command -v WebKitWebDriver >/dev/null && [ -d "$ROOT/ui/node_modules/selenium-webdriver" ]; then
  other="$x/other.sqlite3"
  zoe=$(/usr/bin/groeikoers-cli --db "$other" person add --name "Zoë Çelik")
  plan=$(/usr/bin/groeikoers-cli --db "$other" plan new --person "$zoe" --example winkelmedewerker-naar-ploegleider --lang nl)
  /usr/bin/groeikoers-cli --db "$other" plan export "$plan" -o "$x/POP Zoë Çelik v1.pop.json" >/dev/null
  (cd "$ROOT/ui" && HOME="$home" GROEIKOERS_APP=/usr/bin/groeikoers GROEIKOERS_DB="$data" PLAN_FILE="$x/POP Zoë Çelik v1.pop.json" \
    node --test --test-force-exit ../tests/package/installed.test.mjs) || fail "the installed app did not open the plan file"
fi
before=$(sha256sum "$data" | cut -d' ' -f1)

as_root dpkg -r groeikoers >/dev/null
[ ! -e /usr/bin/groeikoers ] || fail "groeikoers still installed after removal"
[ -f "$data" ] || fail "removing the package removed the data file"
[ "$(sha256sum "$data" | cut -d' ' -f1)" = "$before" ] || fail "the data file changed on removal"
echo "package check: all good"
