#!/usr/bin/env bash
# The packaging test: unpacks the .deb into a temporary root (dpkg-deb -x: no root needed, nothing installed on the
# machine) and, from the installed runtime alone (no JDK on the PATH), runs
#   1. peerchain --version (it must print the pom's version);
#   2. a regtest node that makes a wallet, answers RPC and mines a block;
#   3. the tracker headless, with a node announcing to it and its status port listing that node;
#   4. both windows (PeerChain, PeerChain Tracker) under Xvfb, long enough to take a screenshot of each.
# Prints each step and `packaging_test: passed` at the end; any failure stops it with the step's log.
#
#   bash packaging/test-deb.sh target/packaging/peerchain_<version>-1_amd64.deb
#
# Needs xvfb-run, xdotool, imagemagick (import) and libgtk-3-0 for step 4.
set -euo pipefail
deb=$(realpath "${1:?usage: test-deb.sh PACKAGE.deb}")
here=$(cd "$(dirname "$0")" && pwd)
version=$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' "$here/../pom.xml" | head -n 1)
work=$(mktemp -d)
shots=$(cd "$here/.." && pwd)/target/packaging/shots
mkdir -p "$shots"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "packaging_test: FAILED: $*" >&2; for f in "$work"/*.log; do [ -f "$f" ] && { echo "--- $f"; tail -20 "$f"; }; done >&2; exit 1; }
# Waits up to $2 seconds for the command $1 to succeed.
await() { local i; for i in $(seq 1 $(( $2 * 5 ))); do eval "$1" >/dev/null 2>&1 && return 0; sleep 0.2; done; return 1; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

echo "== unpacking $(basename "$deb") into $work/root"
dpkg-deb -x "$deb" "$work/root"
bin=$work/root/opt/peerchain/bin
for launcher in PeerChain PeerChain-Tracker peerchain; do
  [ -x "$bin/$launcher" ] || fail "the launcher $launcher is missing from /opt/peerchain/bin"
done
for entry in peerchain-PeerChain.desktop peerchain-PeerChain-Tracker.desktop; do
  grep -q '^Categories=' "$work/root/opt/peerchain/lib/$entry" || fail "the desktop entry $entry has no categories"
done
# the installed runtime alone: no JDK on the PATH, user files in the test's home
export PATH=/usr/bin:/bin
export PEERCHAIN_HOME=$work/home
export JAVA_TOOL_OPTIONS="-Duser.home=$work/home"

echo "== 1. peerchain --version"
out=$("$bin/peerchain" --version 2>&1) || fail "peerchain --version: $out"
echo "$out" | grep -q "$version" || fail "peerchain --version printed '$out', not the version $version"
echo "   $out" | grep -v JAVA_TOOL_OPTIONS

echo "== 2. a regtest node: wallet, RPC, one block mined"
node=$work/node
printf 'packaging test\npackaging test\n' | "$bin/peerchain" node --network regtest --datadir "$node" --port 0 \
  --rpc-port 0 --create-wallet >"$work/node.log" 2>&1 &
pids+=($!)
rpc() { "$bin/peerchain" rpc --network regtest --datadir "$node" "$@" 2>>"$work/rpc.log"; }
await "rpc getblockcount" 60 || fail "the node did not answer RPC within 60 s"
address=$(rpc getnewaddress) || fail "getnewaddress"
rpc generatetoaddress 1 "$address" >/dev/null || fail "generatetoaddress"
[ "$(rpc getblockcount)" = 1 ] || fail "the chain is not at height 1 after mining a block"
echo "   mined block $(rpc getbestblockhash) to $address"

echo "== 3. the tracker headless, a node announcing to it"
tport=$(free_port); sport=$(free_port)
"$bin/peerchain" tracker --headless --port "$tport" --status-port "$sport" --db "$work/tracker.db" \
  >"$work/tracker.log" 2>&1 &
pids+=($!)
await "python3 -c 'import socket; socket.create_connection((\"127.0.0.1\", $tport), 1)'" 30 \
  || fail "the tracker did not listen on $tport within 30 s"
"$bin/peerchain" node --network regtest --datadir "$work/node2" --port 0 --rpc-port 0 \
  --tracker "127.0.0.1:$tport" >"$work/node2.log" 2>&1 &
pids+=($!)
await "python3 -c 'import json,urllib.request; assert json.load(urllib.request.urlopen(\"http://127.0.0.1:$sport/peers\"))[\"count\"] >= 1'" 30 \
  || fail "the tracker's status port did not list the announcing node within 30 s"
echo "   the tracker lists: $(python3 -c "import urllib.request; print(urllib.request.urlopen('http://127.0.0.1:$sport/peers').read().decode()[:120])")"
rpc stop >/dev/null || true

echo "== 4. both windows under Xvfb"
command -v xvfb-run >/dev/null && command -v xdotool >/dev/null && command -v import >/dev/null \
  || fail "step 4 needs xvfb-run, xdotool and imagemagick: apt-get install -y xvfb xdotool imagemagick libgtk-3-0"
shoot() { # NAME TITLE COMMAND...
  local name=$1 title=$2; shift 2
  xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
    "$@" >"'"$work/$name"'.log" 2>&1 &
    app=$!
    win=$(timeout 90 xdotool search --sync --onlyvisible --name "'"$title"'" | head -n 1)
    [ -n "$win" ] || { kill $app; exit 1; }
    sleep 8
    import -window root "'"$shots/$name"'.png"
    kill $app; wait $app 2>/dev/null; exit 0' _ "$@" || fail "no window titled '$title' from $*"
  echo "   $shots/$name.png"
}
shoot installed-wallet "PeerChain Wallet" "$bin/PeerChain" wallet --network regtest --port 0
shoot installed-tracker "PeerChain Tracker" "$bin/PeerChain-Tracker" tracker --port 0 --db "$work/tracker-window.db"
# the launchers mark the installed app, whose log goes to the system's log folder ($PEERCHAIN_HOME/logs here)
grep -q "PeerChain node on regtest started" "$PEERCHAIN_HOME/logs/peerchain.log" 2>/dev/null \
  || fail "the installed wallet wrote no log file to $PEERCHAIN_HOME/logs/peerchain.log"
echo "   log file: $PEERCHAIN_HOME/logs/peerchain.log ($(wc -l <"$PEERCHAIN_HOME/logs/peerchain.log") lines)"
echo "packaging_test: passed"
