package org.peerchain.wallet;

/** Mined coins not yet spendable: {@code amount} base units that become spendable when the tip reaches the height. */
public record ImmatureCoins(int maturesAtHeight, long amount) {
}
