#!/usr/bin/env bash
# Builds PeerChain's Linux installers with jpackage and a jlink runtime trimmed to the modules the program uses:
# an app-image and a .deb (and an .rpm where rpmbuild exists), each with three launchers: PeerChain (the wallet),
# PeerChain Tracker (the tracker's admin window) and peerchain (the command line, every subcommand). The version is
# the pom's. Then runs the packaging test on the .deb (packaging/test-deb.sh) unless --no-test is given.
#
#   bash packaging/build.sh [--no-test]        output: target/packaging/
#
# Needs JDK 17 (jpackage, jlink), Maven, fakeroot and dpkg-dev (for the .deb); the test needs xvfb, imagemagick and
# libgtk-3-0 for its window screenshots. Windows and macOS: packaging/windows/build.ps1, packaging/macos/build.sh.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
cd "$root"
run_test=1
[ "${1:-}" = "--no-test" ] && run_test=0

version=$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' pom.xml | head -n 1)
[ -n "$version" ] || { echo "cannot read the version from pom.xml" >&2; exit 1; }
out=target/packaging
echo "== PeerChain $version: building the jar"
mvn -q -DskipTests package
rm -rf "$out"
mkdir -p "$out/input"
cp target/peerchain.jar "$out/input/"

# The launchers do not read the jar's manifest: its Add-Opens (the miner's intrinsic SHA-256 path) is given here.
# Found with `jdeps --print-module-deps --ignore-missing-deps` on the jar, then proved by running the installed image
# (test-deb.sh): java.logging for JavaFX and logback, jdk.crypto.ec for TLS-free EC use by the JDK's providers,
# jdk.localedata for number and date formats in the user's language, jdk.httpserver for the RPC and status servers.
modules=java.base,java.desktop,java.logging,java.management,java.naming,java.net.http,java.scripting,java.sql
modules=$modules,jdk.crypto.ec,jdk.httpserver,jdk.jfr,jdk.localedata,jdk.management,jdk.unsupported
jlink_options="--strip-debug --no-header-files --no-man-pages --strip-native-commands --compress=2"
jlink_options="$jlink_options --include-locales=en,de,fr,es,it,nl,pt,ja,zh"

cat >"$out/tracker.properties" <<PROPS
main-class=org.peerchain.cli.Main
arguments=tracker
icon=$here/icons/peerchain-tracker-256.png
linux-shortcut=true
PROPS
cat >"$out/cli.properties" <<PROPS
main-class=org.peerchain.cli.Main
linux-shortcut=false
PROPS

common=(--name PeerChain --app-version "$version" --vendor "PeerChain developers"
  --description "PeerChain: a peer-to-peer cryptocurrency wallet, miner and tracker"
  --copyright "PeerChain developers")

# one set of options for every type: each type runs its own jlink, so the .deb and .rpm carry their launchers'
# settings (a package made from an app-image would take the command line's launcher as a menu entry too)
app=(--input "$out/input" --main-jar peerchain.jar --main-class org.peerchain.cli.Main
  --add-modules "$modules" --jlink-options "$jlink_options"
  --java-options "-Dpeerchain.installed=true --add-opens=java.base/sun.security.provider=ALL-UNNAMED"
  --icon "$here/icons/peerchain-256.png"
  --add-launcher "PeerChain-Tracker=$out/tracker.properties"
  --add-launcher "peerchain=$out/cli.properties")

echo "== app-image"
jpackage --type app-image "${common[@]}" "${app[@]}" --dest "$out"

echo "== .deb"
jpackage --type deb "${common[@]}" "${app[@]}" --dest "$out" --resource-dir "$here/linux" \
  --linux-package-name peerchain --linux-deb-maintainer "developers@peerchain.invalid" \
  --linux-menu-group "Network;P2P;Finance;" --linux-app-category net \
  --linux-package-deps "libgtk-3-0" --linux-shortcut

if command -v rpmbuild >/dev/null; then
  echo "== .rpm"
  jpackage --type rpm "${common[@]}" "${app[@]}" --dest "$out" --resource-dir "$here/linux" \
    --linux-package-name peerchain --linux-menu-group "Network;P2P;Finance;" \
    --linux-app-category Applications/Internet --linux-package-deps "gtk3" --linux-shortcut
else
  echo "== .rpm skipped: rpmbuild is not installed here"
fi

deb=$(ls "$out"/peerchain_*.deb)
image_mb=$(du -sm "$out/PeerChain" | cut -f1)
deb_mb=$(( $(stat -c %s "$deb") / 1048576 ))
echo "app_image_mb: $image_mb (budget 100)"
echo "deb_mb: $deb_mb (budget 70)"
[ "$image_mb" -le 100 ] || { echo "the app-image is over its 100 MB budget" >&2; exit 1; }
[ "$deb_mb" -le 70 ] || { echo "the .deb is over its 70 MB budget" >&2; exit 1; }
if [ $run_test = 1 ]; then
  bash "$here/test-deb.sh" "$deb"
fi
