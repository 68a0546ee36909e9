#!/usr/bin/env bash
# Fuzzes every Jazzer target of PeerChain in turn, each for the given time (default 10m), from the
# checkout's root. A finding fails that target's run and is written as
# src/test/resources/<package>/<Class>Inputs/<method>/crash-<sha1>; the corpus grown while fuzzing stays
# in .cifuzz-corpus/ (not committed). Logs: target/fuzz-<method>.log; a summary line per target.
# Usage: bench/fuzz-all.sh [DURATION [TARGET...]]   e.g. bench/fuzz-all.sh 10m
#        bench/fuzz-all.sh 10m 'WireFuzzTest#everyMessageTypeDecodesItsBodyOrRejectsIt'
set -u
duration=${1:-10m}
shift || true
cd "$(dirname "$0")/.."
mvn -q -o test-compile || exit 1
targets=(
  'WireFuzzTest#frameReaderReadsAnyStreamOrRejectsItWithAFrameException'
  'WireFuzzTest#frameDecoderGivesTheSameMessagesHoweverTheBytesAreSplit'
  'WireFuzzTest#everyMessageTypeDecodesItsBodyOrRejectsIt'
  'DecodeAndValidateFuzzTest#blockFromCanonicalBytesDecodesAndValidatesOrIsRejected'
  'DecodeAndValidateFuzzTest#transactionFromCanonicalBytesDecodesAndValidatesOrIsRejected'
  'DecodeAndValidateFuzzTest#blockFromJsonDecodesAndValidatesOrIsRejected'
  'DecodeAndValidateFuzzTest#transactionFromJsonDecodesAndValidatesOrIsRejected'
  'DecodeAndValidateFuzzTest#blockWithCorrectMerkleRootReachesEveryContextFreeRule'
  'TrackerAnnounceFuzzTest#trackerAnswersAnyClientBytesWithWellFormedFramesOnly'
  'RpcRequestFuzzTest#everyRequestBodyGetsAWellFormedReplyOrADocumentedError'
  'WalletInputFuzzTest#keystoreFileOpensOrIsRejectedNamingTheFile'
  'WalletInputFuzzTest#recoveryPhraseParsesOrSaysWhatIsWrong'
  'PeerMessageFuzzTest#everyPeerMessageIsHandledIgnoredAnsweredOrPunished'
  'UtxoLogFuzzTest#aLogRowAppliesOrIsRejectedSayingWhatIsWrong'
)
if [ $# -gt 0 ]; then targets=("$@"); fi
failed=0
for t in "${targets[@]}"; do
  m=${t#*#}
  log=target/fuzz-$m.log
  JAZZER_FUZZ=1 mvn -o surefire:test -DfailIfNoTests=false -Dtest="$t" -Djazzer.max_duration="$duration" > "$log" 2>&1
  rc=$?
  runs=$(grep -h '^Done ' "$log" | tail -1)
  rate=$(grep -h 'DONE' "$log" | tail -1 | grep -o 'exec/s: [0-9]*')
  if [ $rc -eq 0 ]; then echo "$m: no finding; $runs; $rate"; else echo "$m: FINDING (see $log)"; failed=1; fi
done
exit $failed
