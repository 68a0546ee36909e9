package org.peerchain.p2p;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * How many transactions whose inputs we lack each peer may send: a token bucket per peer. Such a transaction costs
 * the node lookups (no signature is verified before every input is found) and its sender nothing, and one that
 * changes an outpoint is new to every cache; an honest peer sends one only when relays cross (a child before its
 * parent) or while we are behind in blocks. Bitcoin Core bounds what orphans may cost by its orphan pool alone; this
 * also bounds the rate. Thread-safe.
 */
final class MissingInputsBudget {
    /**
     * Tokens a peer starts with and may save up: as many transactions as Bitcoin Core keeps orphans (100), so that a
     * burst of crossed relays never runs out.
     */
    static final int BURST = 100;
    /**
     * Tokens earned a second: one, far above what crossed relays give (a few at a time, Bitcoin Core's chains of at
     * most 25 unconfirmed ancestors), and far below a flood.
     */
    static final double TOKENS_PER_SECOND = 1.0;

    private final LongSupplier nanoClock;
    private final Map<Long, TokenBucket> buckets = new HashMap<>();

    MissingInputsBudget() {
        this(System::nanoTime);
    }

    /** With {@code nanoClock} as the time (tests). */
    MissingInputsBudget(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** Spends one of the peer's tokens; false when it has none left (it sends faster than the budget allows). */
    synchronized boolean take(long peerId) {
        long now = nanoClock.getAsLong();
        return buckets.computeIfAbsent(peerId, id -> TokenBucket.perSecond(BURST, TOKENS_PER_SECOND, now)).tryTake(now);
    }

    /** Forgets a peer that has gone. */
    synchronized void forget(long peerId) {
        buckets.remove(peerId);
    }
}
