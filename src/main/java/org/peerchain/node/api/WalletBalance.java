package org.peerchain.node.api;

import java.util.List;

/**
 * The wallet's balance in base units: {@code spendable} now (confirmed and mature, and the change of our own
 * unconfirmed sends), {@code pending} (unconfirmed payments from others) and {@code immature} (mined coins not yet
 * spendable), with when each immature part matures, soonest first.
 */
public record WalletBalance(long spendable, long pending, long immature, List<Maturing> maturing) {
    public WalletBalance {
        maturing = List.copyOf(maturing);
    }

    public long total() {
        return spendable + pending + immature;
    }

    /** The tip height at which immature coins become spendable, or -1 when there are none. */
    public int nextMaturityHeight() {
        return maturing.isEmpty() ? -1 : maturing.get(0).height();
    }

    /** {@code amount} base units of mined coins become spendable when the chain's tip reaches {@code height}. */
    public record Maturing(int height, long amount) {
    }
}
