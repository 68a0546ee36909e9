package org.peerchain.wallet;

import java.time.Instant;
import java.util.Optional;
import org.peerchain.core.Hash;

/**
 * The wallet at a glance (bitcoind's {@code getwalletinfo}): balances, how many transactions it tracks, how many
 * receive and change keys are derived and still free, when it relocks, the fee rate of sends, and the last block it
 * has followed.
 */
public record WalletInfo(WalletBalances balances, int txCount, int keypoolReceive, int keypoolChange,
        Optional<Instant> unlockedUntil, long feeRate, Hash lastBlockHash, int lastBlockHeight) {
}
