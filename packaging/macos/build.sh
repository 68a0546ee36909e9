#!/usr/bin/env bash
# Builds PeerChain's macOS disk image (.dmg) with jpackage and a jlink runtime: run on macOS from anywhere in the
# repository, with JDK 17 and Maven on the PATH (iconutil ships with macOS):
#
#   bash packaging/macos/build.sh
#
# Output: target/packaging/PeerChain-<version>.dmg holding PeerChain.app (the wallet; the tracker's window opens
# with `PeerChain.app/Contents/MacOS/PeerChain tracker`, and the same binary is the command line). Data and logs go
# to ~/Library/Application Support/PeerChain. Unsigned: sign and notarize with your Developer ID
# (--mac-sign --mac-signing-key-user-name ...) before handing it to others. Not run on the Linux machines the project
# is developed on.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"
version=$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' pom.xml | head -n 1)
out=target/packaging
mvn -q -DskipTests package
rm -rf "$out" && mkdir -p "$out/input" "$out/PeerChain.iconset"
cp target/peerchain.jar "$out/input/"
for s in 16 32 128 256 512; do
  cp "$root/packaging/icons/peerchain-$s.png" "$out/PeerChain.iconset/icon_${s}x${s}.png"
done
for s in 16 128 256; do
  cp "$root/packaging/icons/peerchain-$((s * 2)).png" "$out/PeerChain.iconset/icon_${s}x${s}@2x.png"
done
cp "$root/packaging/icons/peerchain-64.png" "$out/PeerChain.iconset/icon_32x32@2x.png"
iconutil -c icns -o "$out/PeerChain.icns" "$out/PeerChain.iconset"
modules=java.base,java.desktop,java.logging,java.management,java.naming,java.net.http,java.scripting,java.sql
modules=$modules,jdk.crypto.ec,jdk.httpserver,jdk.jfr,jdk.localedata,jdk.management,jdk.unsupported
jpackage --type dmg --name PeerChain --app-version "$version" --vendor "PeerChain developers" \
  --description "PeerChain: a peer-to-peer cryptocurrency wallet, miner and tracker" \
  --input "$out/input" --main-jar peerchain.jar --main-class org.peerchain.cli.Main \
  --add-modules "$modules" \
  --jlink-options "--strip-debug --no-header-files --no-man-pages --strip-native-commands --compress=2" \
  --java-options "-Dpeerchain.installed=true --add-opens=java.base/sun.security.provider=ALL-UNNAMED" \
  --icon "$out/PeerChain.icns" --mac-package-identifier org.peerchain.wallet --mac-package-name PeerChain \
  --dest "$out"
ls -l "$out"/*.dmg
