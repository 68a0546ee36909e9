#!/usr/bin/env bash
# Runs every benchmark one after another and keeps each one's output in bench/results/<name>.txt.
# Usage: bash bench/run-all.sh   (after `mvn -q package -DskipTests`); run it on a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=target/peerchain.jar
[ -f "$jar" ] || { echo "build first: mvn -q package -DskipTests" >&2; exit 1; }
mkdir -p bench/results
for name in connect mining sync propagation tracker wallet; do
  echo "== bench $name ($(date -u +%H:%M:%S), load $(cut -d' ' -f1 /proc/loadavg))"
  java -jar "$jar" bench "$name" 2>bench/results/$name.log | tee bench/results/$name.txt
done
