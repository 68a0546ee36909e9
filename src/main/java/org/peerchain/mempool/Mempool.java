package org.peerchain.mempool;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.peerchain.chain.BlockIndexEntry;
import org.peerchain.chain.ChainEvent;
import org.peerchain.chain.ChainState;
import org.peerchain.consensus.Coin;
import org.peerchain.consensus.TxRules;
import org.peerchain.consensus.UtxoView;
import org.peerchain.consensus.ValidationException;
import org.peerchain.core.Block;
import org.peerchain.core.Hash;
import org.peerchain.core.OutPoint;
import org.peerchain.core.Transaction;
import org.peerchain.core.TxInput;
import org.peerchain.core.TxOutput;
import org.peerchain.events.EventBus;

/**
 * Unconfirmed transactions, valid against the UTXO set plus each other. Bounded in bytes: when full, the
 * lowest fee rates (with whatever spends them) leave first. It moves in step with the chain: it takes
 * the chain's lock for every change and follows the chain's events, dropping what blocks confirm or
 * conflict with and taking back the transactions of disconnected blocks.
 */
public final class Mempool {
    public static final long DEFAULT_MAX_BYTES = 32L * 1024 * 1024;
    /** The lowest fee rate relayed and mined, in base units per byte. */
    public static final long MIN_RELAY_FEE_PER_BYTE = 1;
    /** Outputs below this are not relayed: spending them would cost more than they hold. */
    public static final long DUST_THRESHOLD = 546;

    private final ChainState chain;
    private final EventBus events;
    private final long maxBytes;
    private final LongSupplier clockSeconds;
    private final ReentrantLock lock;
    private final Map<Hash, MempoolEntry> entries = new HashMap<>();
    private final Map<OutPoint, Hash> spentBy = new HashMap<>();
    private final TreeSet<MempoolEntry> byFeeRate = new TreeSet<>(Comparator
            .comparingDouble(MempoolEntry::feeRate)
            .thenComparing(e -> e.tx().txid()));
    private final List<Block> disconnectedPending = new ArrayList<>();
    private final LongAdder signatureVerifications = new LongAdder();
    private long bytes;
    /** Counts every change to the pool's contents (under the lock): whether a check made earlier still holds. */
    private long changes;

    public Mempool(ChainState chain, EventBus events, long maxBytes, LongSupplier clockSeconds) {
        this.chain = chain;
        this.events = events;
        this.maxBytes = maxBytes;
        this.clockSeconds = clockSeconds;
        this.lock = chain.lock();
        events.subscribe(ChainEvent.BlockConnected.class, e -> blockConnected(e.block()));
        events.subscribe(ChainEvent.BlockDisconnected.class, e -> disconnectedPending.add(e.block()));
        events.subscribe(ChainEvent.TipChanged.class, e -> readmitDisconnected());
    }

    /**
     * Adds a transaction that is valid on top of the chain and the pool.
     *
     * @return its fee
     * @throws ValidationException with a reason code: a consensus rule, or a policy such as
     *     {@code txn-mempool-conflict}, {@code txn-already-in-mempool}, {@code min-fee-not-met}, {@code dust},
     *     {@code mempool-full}
     */
    public long accept(Transaction tx) throws ValidationException {
        TxRules.checkTransaction(tx);
        if (tx.isCoinbase()) {
            throw new ValidationException("coinbase", "a coinbase transaction is only valid in a block");
        }
        for (TxOutput out : tx.outputs()) {
            if (out.amount() < DUST_THRESHOLD) {
                throw new ValidationException("dust", "an output of " + out.amount()
                        + " is below the dust threshold of " + DUST_THRESHOLD);
            }
        }
        // Every input is looked up, and its key matched to the coin's, before any signature is verified: a
        // transaction of made-up outpoints or of someone else's coins costs lookups, not a verification per input.
        long fee;
        long changesSeen;
        BlockIndexEntry tipSeen;
        lock.lock();
        try {
            fee = checkInContext(tx);
            changesSeen = changes;
            tipSeen = chain.tip();
        } finally {
            lock.unlock();
        }
        // Verified without the chain's lock, so that blocks connect meanwhile; hence the second check below, when
        // the pool or the tip changed in between.
        TxRules.checkSignatures(tx, signatureVerifications);
        lock.lock();
        try {
            if (changes != changesSeen || chain.tip() != tipSeen) {
                fee = checkInContext(tx);
            }
            Hash txid = tx.txid();
            MempoolEntry entry = new MempoolEntry(tx, fee, tx.size(), clockSeconds.getAsLong());
            add(entry);
            trimToSize(txid);
            if (!entries.containsKey(txid)) {
                throw new ValidationException("mempool-full", "the mempool is full of transactions paying more than "
                        + String.format("%.2f", entry.feeRate()) + " per byte");
            }
            events.publish(new MempoolEvent.TxAccepted(entry));
            return fee;
        } finally {
            lock.unlock();
        }
    }

    /** The checks against the chain and the pool (everything but the signatures); returns the fee. Under the lock. */
    private long checkInContext(Transaction tx) throws ValidationException {
        Hash txid = tx.txid();
        if (entries.containsKey(txid)) {
            throw new ValidationException("txn-already-in-mempool", "transaction " + txid + " is already in the mempool");
        }
        if (chain.coin(new OutPoint(txid, 0)) != null) {
            throw new ValidationException("txn-already-known", "transaction " + txid + " is already confirmed");
        }
        for (TxInput in : tx.inputs()) {
            Hash other = spentBy.get(in.prevout());
            if (other != null) {
                throw new ValidationException("txn-mempool-conflict",
                        "input " + in.prevout() + " is already spent by unconfirmed transaction " + other);
            }
        }
        long fee = TxRules.checkInputs(tx, view(), chain.height() + 1);
        int size = tx.size();
        if (fee < (long) size * MIN_RELAY_FEE_PER_BYTE) {
            throw new ValidationException("min-fee-not-met", "a fee of " + fee + " for " + size
                    + " bytes is below the minimum of " + MIN_RELAY_FEE_PER_BYTE + " per byte");
        }
        return fee;
    }

    /** The chain's UTXO set with the pool's outputs added and the pool's spends removed. */
    private UtxoView view() {
        return view(Set.of());
    }

    /** The same, but treating the pool's spends of {@code ownInputs} as not made (to re-check a pool member). */
    private UtxoView view(Set<OutPoint> ownInputs) {
        return p -> {
            if (spentBy.containsKey(p) && !ownInputs.contains(p)) {
                return null;
            }
            MempoolEntry parent = entries.get(p.txid());
            if (parent != null) {
                List<TxOutput> outs = parent.tx().outputs();
                return p.index() < outs.size()
                        ? new Coin(outs.get((int) p.index()), Integer.MAX_VALUE, false) : null;
            }
            return chain.coin(p);
        };
    }

    private void add(MempoolEntry e) {
        changes++;
        entries.put(e.tx().txid(), e);
        byFeeRate.add(e);
        for (TxInput in : e.tx().inputs()) {
            spentBy.put(in.prevout(), e.tx().txid());
        }
        bytes += e.size();
    }

    /** Evicts the lowest fee rates until the pool fits; {@code newcomer}, not yet announced, leaves silently. */
    private void trimToSize(Hash newcomer) {
        while (bytes > maxBytes && !byFeeRate.isEmpty()) {
            removeWithDescendants(byFeeRate.first().tx().txid(), MempoolEvent.Reason.EVICTED, newcomer);
        }
    }

    private void removeWithDescendants(Hash txid, MempoolEvent.Reason reason) {
        removeWithDescendants(txid, reason, null);
    }

    /** Removes a transaction and everything in the pool that spends its outputs. */
    private void removeWithDescendants(Hash txid, MempoolEvent.Reason reason, Hash unannounced) {
        List<Hash> toRemove = new ArrayList<>();
        toRemove.add(txid);
        while (!toRemove.isEmpty()) {
            Hash h = toRemove.remove(toRemove.size() - 1);
            MempoolEntry e = entries.remove(h);
            if (e == null) {
                continue;
            }
            changes++;
            byFeeRate.remove(e);
            bytes -= e.size();
            for (TxInput in : e.tx().inputs()) {
                spentBy.remove(in.prevout());
            }
            for (int v = 0; v < e.tx().outputs().size(); v++) {
                Hash child = spentBy.get(new OutPoint(h, v));
                if (child != null) {
                    toRemove.add(child);
                }
            }
            if (!h.equals(unannounced)) {
                events.publish(new MempoolEvent.TxRemoved(h, reason));
            }
        }
    }

    private void blockConnected(Block block) {
        lock.lock();
        try {
            for (Transaction tx : block.transactions()) {
                Hash txid = tx.txid();
                MempoolEntry e = entries.remove(txid);
                if (e != null) {
                    changes++;
                    byFeeRate.remove(e);
                    bytes -= e.size();
                    for (TxInput in : tx.inputs()) {
                        spentBy.remove(in.prevout());
                    }
                    events.publish(new MempoolEvent.TxRemoved(txid, MempoolEvent.Reason.CONFIRMED));
                }
            }
            for (Transaction tx : block.transactions()) {
                if (tx.isCoinbase()) {
                    continue;
                }
                for (TxInput in : tx.inputs()) {
                    Hash conflicting = spentBy.get(in.prevout());
                    if (conflicting != null) {
                        removeWithDescendants(conflicting, MempoolEvent.Reason.CONFLICT);
                    }
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** After a reorganisation, offers the transactions of the dropped blocks again, oldest block first. */
    private void readmitDisconnected() {
        if (disconnectedPending.isEmpty()) {
            return;
        }
        List<Block> blocks = new ArrayList<>(disconnectedPending);
        disconnectedPending.clear();
        for (int i = blocks.size() - 1; i >= 0; i--) {
            for (Transaction tx : blocks.get(i).transactions()) {
                if (tx.isCoinbase()) {
                    continue;
                }
                try {
                    accept(tx);
                } catch (ValidationException e) {
                    events.publish(new MempoolEvent.TxRemoved(tx.txid(), MempoolEvent.Reason.REORG));
                }
            }
        }
        // Transactions whose coinbase inputs went back below maturity, or whose inputs vanished.
        for (Hash txid : new ArrayList<>(entries.keySet())) {
            MempoolEntry e = entries.get(txid);
            if (e == null) {
                continue;
            }
            try {
                Set<OutPoint> own = new HashSet<>();
                for (TxInput in : e.tx().inputs()) {
                    own.add(in.prevout());
                }
                TxRules.checkInputs(e.tx(), view(own), chain.height() + 1);
            } catch (ValidationException ex) {
                removeWithDescendants(txid, MempoolEvent.Reason.REORG);
            }
        }
    }

    // ------------------------------------------------------------------ reads

    /** Ed25519 verifications run by {@link #accept} so far: what checking offered transactions has cost. */
    public long signatureVerifications() {
        return signatureVerifications.sum();
    }

    public boolean contains(Hash txid) {
        lock.lock();
        try {
            return entries.containsKey(txid);
        } finally {
            lock.unlock();
        }
    }

    public MempoolEntry get(Hash txid) {
        lock.lock();
        try {
            return entries.get(txid);
        } finally {
            lock.unlock();
        }
    }

    /** The txid of the pool transaction that spends {@code p}, or null. */
    public Hash spender(OutPoint p) {
        lock.lock();
        try {
            return spentBy.get(p);
        } finally {
            lock.unlock();
        }
    }

    public int size() {
        lock.lock();
        try {
            return entries.size();
        } finally {
            lock.unlock();
        }
    }

    public long bytes() {
        lock.lock();
        try {
            return bytes;
        } finally {
            lock.unlock();
        }
    }

    public List<MempoolEntry> entries() {
        lock.lock();
        try {
            return new ArrayList<>(entries.values());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Transactions for a block of at most {@code maxBytes}: highest fee rate first, each after the pool
     * transactions it spends, and none whose parent did not fit.
     */
    public List<MempoolEntry> selectForBlock(int maxBytes) {
        lock.lock();
        try {
            Set<Hash> chosen = new LinkedHashSet<>();
            List<MempoolEntry> result = new ArrayList<>();
            int used = 0;
            boolean progress = true;
            while (progress) {
                progress = false;
                for (MempoolEntry e : byFeeRate.descendingSet()) {
                    Hash txid = e.tx().txid();
                    if (chosen.contains(txid) || used + e.size() > maxBytes) {
                        continue;
                    }
                    boolean parentsIn = true;
                    for (TxInput in : e.tx().inputs()) {
                        Hash parent = in.prevout().txid();
                        if (entries.containsKey(parent) && !chosen.contains(parent)) {
                            parentsIn = false;
                            break;
                        }
                    }
                    if (parentsIn) {
                        chosen.add(txid);
                        result.add(e);
                        used += e.size();
                        progress = true;
                    }
                }
            }
            return result;
        } finally {
            lock.unlock();
        }
    }
}
