package org.peerchain.p2p;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.LongSupplier;
import org.peerchain.consensus.ChainParams;
import org.peerchain.core.Hash;
import org.peerchain.core.Transaction;
import org.peerchain.core.TxInput;

/**
 * Transactions whose inputs we lack, kept a while in case their parents come (Bitcoin Core's orphanage): a child
 * relayed before its parent enters the mempool once the parent has. Bounded in count and so in bytes; when full a
 * random orphan leaves (an attacker cannot choose which, nor keep his own by sending them last). Orphans expire,
 * and leave with the peer that sent them. Nothing here is checked beyond the transaction's own form: an orphan's
 * signatures are verified only once its inputs are found. Thread-safe.
 */
final class OrphanTransactions {
    /** Bitcoin Core's {@code DEFAULT_MAX_ORPHAN_TRANSACTIONS}. */
    static final int MAX_ORPHANS = 100;
    /**
     * The largest orphan kept: our largest valid transaction, 100,000 bytes, which is also Bitcoin Core's limit for an
     * orphan ({@code MAX_STANDARD_TX_WEIGHT} of 400,000 weight units, 100,000 virtual bytes). With
     * {@link #MAX_ORPHANS}, the pool holds at most 10 MB of transactions.
     */
    static final int MAX_ORPHAN_BYTES = ChainParams.MAX_TX_SIZE;
    /** Bitcoin Core's {@code ORPHAN_TX_EXPIRE_TIME}: a parent that has not come by then is not coming. */
    static final Duration EXPIRY = Duration.ofMinutes(20);
    /**
     * Most missing parents of one orphan asked of its sender: an honest child spends the outputs of a few
     * unconfirmed parents, and one of 740 made-up parents must not make us ask for 740 (parents not asked for still
     * come by ordinary relay).
     */
    static final int MAX_PARENTS_ASKED = 16;

    /** An orphan, the peer it came from, and when it expires ({@link System#nanoTime()} scale). */
    record Orphan(Transaction tx, long fromPeer, long expiresNanos) {
    }

    /**
     * The orphans by txid. No index by parent: finding a parent's children scans at most {@link #MAX_ORPHANS}
     * transactions' inputs (well under a millisecond), where an index would cost as much memory as the orphans
     * themselves when each spends hundreds of made-up parents.
     */
    private final Map<Hash, Orphan> byTxid = new HashMap<>();
    private final Random random;
    private final LongSupplier nanoClock;

    OrphanTransactions() {
        this(new Random(), System::nanoTime);
    }

    /** With {@code random} choosing whom to evict and {@code nanoClock} as the time (tests). */
    OrphanTransactions(Random random, LongSupplier nanoClock) {
        this.random = random;
        this.nanoClock = nanoClock;
    }

    /**
     * Keeps {@code tx} as an orphan from {@code fromPeer}, evicting a random one when full.
     *
     * @return false when it is already kept or too large to keep
     */
    synchronized boolean add(Transaction tx, long fromPeer) {
        Hash txid = tx.txid();
        if (byTxid.containsKey(txid) || tx.size() > MAX_ORPHAN_BYTES) {
            return false;
        }
        expire();
        while (byTxid.size() >= MAX_ORPHANS) {
            List<Hash> kept = new ArrayList<>(byTxid.keySet());
            byTxid.remove(kept.get(random.nextInt(kept.size())));
        }
        byTxid.put(txid, new Orphan(tx, fromPeer, nanoClock.getAsLong() + EXPIRY.toNanos()));
        return true;
    }

    synchronized boolean contains(Hash txid) {
        return byTxid.containsKey(txid);
    }

    synchronized int size() {
        return byTxid.size();
    }

    /** Takes out the orphans that spend an output of {@code parent}, oldest first, to be tried again. */
    synchronized List<Orphan> takeChildrenOf(Hash parent) {
        List<Orphan> taken = new ArrayList<>();
        for (Orphan o : byTxid.values()) {
            if (o.tx().inputs().stream().anyMatch(in -> in.prevout().txid().equals(parent))) {
                taken.add(o);
            }
        }
        taken.forEach(o -> byTxid.remove(o.tx().txid()));
        taken.sort((a, b) -> Long.compare(a.expiresNanos(), b.expiresNanos()));
        return taken;
    }

    /** Drops every orphan {@code peerId} sent: it has gone and cannot be asked for their parents any more. */
    synchronized void dropPeer(long peerId) {
        byTxid.values().removeIf(o -> o.fromPeer() == peerId);
    }

    /** Drops the orphans kept longer than {@link #EXPIRY}. */
    synchronized void expire() {
        long now = nanoClock.getAsLong();
        byTxid.values().removeIf(o -> now - o.expiresNanos() >= 0);
    }

    /** The distinct txids whose outputs {@code tx} spends, in input order. */
    static Set<Hash> parents(Transaction tx) {
        Set<Hash> parents = new LinkedHashSet<>();
        for (TxInput in : tx.inputs()) {
            parents.add(in.prevout().txid());
        }
        return parents;
    }
}
