package org.peerchain.wallet;

/**
 * The wallet's balance in three parts, as bitcoind's {@code getbalances}: {@code trusted} can be spent now
 * (confirmed and mature, plus the change of our own unconfirmed sends); {@code untrustedPending} is unconfirmed
 * money from others; {@code immature} is coinbase reward not yet {@link org.peerchain.consensus.ChainParams#COINBASE_MATURITY}
 * blocks deep. All in base units.
 */
public record WalletBalances(long trusted, long untrustedPending, long immature) {
    public long total() {
        return trusted + untrustedPending + immature;
    }
}
