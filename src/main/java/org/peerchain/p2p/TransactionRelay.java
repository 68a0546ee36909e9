package org.peerchain.p2p;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.peerchain.consensus.ValidationException;
import org.peerchain.core.DecodingException;
import org.peerchain.core.Hash;
import org.peerchain.core.Transaction;
import org.peerchain.p2p.wire.PeerMessages;
import org.peerchain.p2p.wire.PeerMessages.InvItem;
import org.peerchain.p2p.wire.PeerMessages.InvKind;

/**
 * Transaction relay: which announced transactions are asked for and of whom, what arrives (into the mempool, kept as an
 * orphan, or refused and remembered), and announcing what the mempool accepts to every peer that lacks it. Blocks,
 * headers and connections are {@link PeerNetwork}'s; what a peer does wrong here is scored through {@link PeerPenalties}.
 */
final class TransactionRelay {
    /** A transaction asked of one peer is not asked of another before this. */
    static final long TX_REQUEST_TIMEOUT_NANOS = 5_000_000_000L;
    static final int MAX_RECENT_REJECTS = 10_000;

    /** A transaction asked of {@code peer} at {@code atNanos}. */
    private record TxRequest(Peer peer, long atNanos) {
    }

    private final ChainAccess chain;
    private final Map<Long, Peer> peers;
    private final ExecutorService relay;
    private final PeerPenalties penalties;
    private final Map<Hash, TxRequest> requestedTxs = new ConcurrentHashMap<>();
    private final KnownSet<Hash> recentRejects = new KnownSet<>(MAX_RECENT_REJECTS);
    /**
     * Transactions refused for what the node holds now (a missing parent, a fee floor): not rejected for good, but
     * not checked again until something changes (a transaction accepted, a new tip), so sending one again and again
     * costs the node nothing.
     */
    private final KnownSet<Hash> waitingForContext = new KnownSet<>(MAX_RECENT_REJECTS);
    private final MissingInputsBudget missingInputs = new MissingInputsBudget();
    private final OrphanTransactions orphans = new OrphanTransactions();

    TransactionRelay(ChainAccess chain, Map<Long, Peer> peers, ExecutorService relay, PeerPenalties penalties) {
        this.chain = chain;
        this.peers = peers;
        this.relay = relay;
        this.penalties = penalties;
    }

    /**
     * Whether to ask {@code p} for the transaction {@code txid} it announced: one we lack, have not refused, have not
     * asked anyone for in the last {@link #TX_REQUEST_TIMEOUT_NANOS}, while {@code p} has room for another request.
     * True notes the request.
     */
    boolean ask(Peer p, Hash txid, long now) {
        TxRequest asked = requestedTxs.get(txid);
        if (chain.mempoolTransaction(txid) != null || recentRejects.contains(txid) || waitingForContext.contains(txid)
                || orphans.contains(txid) || (asked != null && now - asked.atNanos() <= TX_REQUEST_TIMEOUT_NANOS)
                || p.txRequestsInFlight.get() >= Peer.MAX_TX_REQUESTS_IN_FLIGHT) {
            return false;
        }
        if (asked != null) {
            forgetTxRequest(txid, asked.peer());
        }
        requestedTxs.put(txid, new TxRequest(p, now));
        p.txRequestsInFlight.incrementAndGet();
        return true;
    }

    /** {@code p} answered {@code notfound} for a transaction. */
    void notFound(Peer p, Hash txid) {
        forgetTxRequest(txid, p);
    }

    /** A peer's {@code tx} (its reader thread). */
    void receive(Peer p, byte[] data) {
        Transaction tx;
        try {
            tx = Transaction.deserialize(data);
        } catch (DecodingException e) {
            penalties.misbehave(p, Misbehaviour.UNDECODABLE, Misbehaviour.CODE_UNDECODABLE, "tx: " + e.getMessage());
            return;
        }
        Hash txid = tx.txid();
        p.knownTxs.add(txid);
        boolean requested = forgetTxRequest(txid, null);
        if (chain.mempoolTransaction(txid) != null || recentRejects.contains(txid) || waitingForContext.contains(txid)
                || orphans.contains(txid)) {
            if (!requested) {
                penalties.redundant(p, "transaction " + txid + ", which we have");
            }
            return;
        }
        try {
            chain.submitTransaction(tx);
            p.lastNewTxNanos = System.nanoTime();
        } catch (ValidationException e) {
            if (Misbehaviour.CONTEXT_DEPENDENT_TX_REASONS.contains(e.reason())) {
                waitingForContext.add(txid);
            } else {
                recentRejects.add(txid);
            }
            if (e.reason().equals(Misbehaviour.MISSING_INPUTS)) {
                onMissingInputs(p, tx);
            }
            if (!Misbehaviour.HARMLESS_TX_REASONS.contains(e.reason())) {
                penalties.misbehave(p, Misbehaviour.INVALID_TX, e.reason(), "invalid transaction " + txid + ": " + e.getMessage());
            }
        }
    }

    /**
     * A transaction whose inputs we lack: within its sender's budget it is kept as an orphan and its missing parents
     * are asked of the sender. Announcing first makes a transaction "requested", so the budget counts every one;
     * past it the sender is penalised, except while we are behind in blocks, when honest peers relay spends of coins
     * we have not seen yet.
     */
    private void onMissingInputs(Peer p, Transaction tx) {
        if (!missingInputs.take(p.id)) {
            if (chain.bestHeader().height() <= chain.tip().height()) {
                penalties.misbehave(p, Misbehaviour.MISSING_INPUTS_FLOOD, Misbehaviour.CODE_MISSING_INPUTS_FLOOD,
                        "transactions with missing inputs faster than " + MissingInputsBudget.TOKENS_PER_SECOND
                                + " a second, the last " + tx.txid());
            }
            return;
        }
        java.util.Set<Hash> parents = OrphanTransactions.parents(tx);
        // A parent refused for good makes the child invalid too (Bitcoin Core's rejected parents).
        if (parents.stream().anyMatch(recentRejects::contains) || !orphans.add(tx, p.id)) {
            return;
        }
        List<InvItem> ask = new ArrayList<>();
        long now = System.nanoTime();
        for (Hash parent : parents) {
            if (ask.size() < OrphanTransactions.MAX_PARENTS_ASKED && chain.mempoolTransaction(parent) == null
                    && !orphans.contains(parent) && p.txRequestsInFlight.get() < Peer.MAX_TX_REQUESTS_IN_FLIGHT
                    && requestedTxs.putIfAbsent(parent, new TxRequest(p, now)) == null) {
                p.txRequestsInFlight.incrementAndGet();
                ask.add(new InvItem(InvKind.TX, parent));
            }
        }
        if (!ask.isEmpty()) {
            p.send(new PeerMessages.GetData(ask));
        }
    }

    /** Tries again the orphans that spend an output of {@code parent}, now in the mempool. On the relay thread. */
    private void retryOrphansOf(Hash parent) {
        for (OrphanTransactions.Orphan o : orphans.takeChildrenOf(parent)) {
            Hash txid = o.tx().txid();
            try {
                chain.submitTransaction(o.tx());
            } catch (ValidationException e) {
                if (e.reason().equals(Misbehaviour.MISSING_INPUTS)) {
                    orphans.add(o.tx(), o.fromPeer());
                } else if (Misbehaviour.CONTEXT_DEPENDENT_TX_REASONS.contains(e.reason())) {
                    waitingForContext.add(txid);
                } else {
                    recentRejects.add(txid);
                }
                Peer from = peers.get(o.fromPeer());
                if (from != null && !Misbehaviour.HARMLESS_TX_REASONS.contains(e.reason())) {
                    penalties.misbehave(from, Misbehaviour.INVALID_TX, e.reason(), "invalid orphan transaction " + txid + ": "
                            + e.getMessage());
                }
            }
        }
    }


    /** A new tip can make a refused transaction valid (Bitcoin Core resets its recent rejects at each tip). */
    void onTipChanged() {
        recentRejects.clear();
        waitingForContext.clear();
    }

    /** Runs on the mempool's thread: only hands off to the relay thread. */
    void onTxAccepted(Transaction tx) {
        // the new transaction may be the parent a waiting one lacked
        waitingForContext.clear();
        try {
            relay.execute(() -> {
                InvItem item = new InvItem(InvKind.TX, tx.txid());
                for (Peer p : peers.values()) {
                    if (!p.isClosed() && p.knownTxs.add(tx.txid())) {
                        p.send(new PeerMessages.Inv(List.of(item)));
                    }
                }
                retryOrphansOf(tx.txid());
            });
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    /** Timer: requests unanswered for {@link #TX_REQUEST_TIMEOUT_NANOS} are forgotten, and orphans past their time. */
    void expire(long now) {
        orphans.expire();
        for (Map.Entry<Hash, TxRequest> e : requestedTxs.entrySet()) {
            if (now - e.getValue().atNanos() > TX_REQUEST_TIMEOUT_NANOS) {
                forgetTxRequest(e.getKey(), e.getValue().peer());
            }
        }
    }

    /** {@code p} is gone: its budget and its orphans with it. */
    void peerGone(Peer p) {
        missingInputs.forget(p.id);
        orphans.dropPeer(p.id);
    }

    int orphanCount() {
        return orphans.size();
    }

    /**
     * Forgets the request for {@code txid} (it came, was refused or timed out) and frees its slot with the peer it was
     * asked of; with {@code from} given, only a request made of that peer. True when there was one.
     */
    private boolean forgetTxRequest(Hash txid, Peer from) {
        TxRequest r = requestedTxs.get(txid);
        if (r == null || (from != null && r.peer() != from) || !requestedTxs.remove(txid, r)) {
            return false;
        }
        r.peer().txRequestsInFlight.decrementAndGet();
        return true;
    }
}
