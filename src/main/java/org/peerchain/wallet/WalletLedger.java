package org.peerchain.wallet;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.peerchain.consensus.ChainParams;
import org.peerchain.core.Address;
import org.peerchain.core.Block;
import org.peerchain.core.Hash;
import org.peerchain.core.KeyHash;
import org.peerchain.core.OutPoint;
import org.peerchain.core.Transaction;
import org.peerchain.core.TxInput;
import org.peerchain.core.TxOutput;

/**
 * The wallet's bookkeeping in memory: the watched keys, the transactions that touch them and where each stands,
 * which of our outputs are spent and by what. Pure logic, no I/O: it follows the chain as blocks connect and
 * disconnect and the mempool as transactions arrive, and reports which transactions changed so the caller can
 * store them. Not thread-safe: {@link Wallet} calls it under its monitor.
 */
final class WalletLedger {
    private final int addressPrefix;
    private final Map<KeyHash, WalletKey> keys = new HashMap<>();
    private final List<List<WalletKey>> byChain = List.of(new ArrayList<>(), new ArrayList<>());
    private final Map<Hash, WalletTx> txs = new LinkedHashMap<>();
    /** Every output that ever paid us, spent or not. */
    private final Map<OutPoint, TxOutput> outputs = new HashMap<>();
    /** Our outputs spent by our pending or confirmed transactions. */
    private final Map<OutPoint, Hash> spentBy = new HashMap<>();
    private long nextSeq;
    private int tipHeight;
    private Hash tipHash;

    WalletLedger(int addressPrefix) {
        this.addressPrefix = addressPrefix;
    }

    // ------------------------------------------------------------------ keys

    WalletKey addKey(KeyPath path, KeyHash keyHash, boolean issued, String label) {
        List<WalletKey> chain = byChain.get(path.chain());
        if (path.index() != chain.size()) {
            throw new IllegalStateException("key " + path + " is out of order: the chain has " + chain.size() + " keys");
        }
        WalletKey k = new WalletKey(path, keyHash, issued, label);
        keys.put(keyHash, k);
        chain.add(k);
        return k;
    }

    int derivedCount(int chain) {
        return byChain.get(chain).size();
    }

    /** Keys of {@code chain} derived beyond the last one handed out or paid. */
    int lookahead(int chain) {
        List<WalletKey> list = byChain.get(chain);
        int last = -1;
        for (int i = list.size() - 1; i >= 0; i--) {
            if (!list.get(i).available()) {
                last = i;
                break;
            }
        }
        return list.size() - last - 1;
    }

    /** Hands out the lowest key of {@code chain} never handed out nor paid, or null when all are. */
    WalletKey issue(int chain, String label) {
        for (WalletKey k : byChain.get(chain)) {
            if (k.available()) {
                k.issued = true;
                k.label = label == null ? "" : label;
                return k;
            }
        }
        return null;
    }

    WalletKey key(KeyHash h) {
        return keys.get(h);
    }

    WalletKey key(KeyPath path) {
        List<WalletKey> chain = byChain.get(path.chain());
        return path.index() < chain.size() ? chain.get(path.index()) : null;
    }

    /** The key {@link #issue} would hand out next on {@code chain}, without handing it out; null when none is free. */
    WalletKey peek(int chain) {
        for (WalletKey k : byChain.get(chain)) {
            if (k.available()) {
                return k;
            }
        }
        return null;
    }

    Collection<WalletKey> keys() {
        return keys.values();
    }

    // ------------------------------------------------------------------ following the chain

    int tipHeight() {
        return tipHeight;
    }

    Hash tipHash() {
        return tipHash;
    }

    void setTip(Hash hash, int height) {
        tipHash = hash;
        tipHeight = height;
    }

    /** Puts back a stored transaction (in the order first seen). */
    void load(WalletTx t) {
        txs.put(t.txid, t);
        nextSeq = Math.max(nextSeq, t.seq + 1);
        indexOutputs(t);
        if (t.live()) {
            addSpends(t);
        }
    }

    boolean isRelevant(Transaction tx) {
        for (TxOutput o : tx.outputs()) {
            if (keys.containsKey(o.keyHash())) {
                return true;
            }
        }
        if (!tx.isCoinbase()) {
            for (TxInput in : tx.inputs()) {
                if (outputs.containsKey(in.prevout())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A block joined the active chain at {@code height}: confirms ours in it, and conflicts ours it double-spends. */
    void blockConnected(Block block, int height, long now, Set<WalletTx> changed) {
        Hash blockHash = block.hash();
        List<Transaction> list = block.transactions();
        for (Transaction tx : list) {
            if (tx.isCoinbase()) {
                continue;
            }
            Hash txid = tx.txid();
            for (TxInput in : tx.inputs()) {
                Hash other = spentBy.get(in.prevout());
                if (other != null && !other.equals(txid)) {
                    markConflicted(other, blockHash, height, changed);
                }
            }
        }
        for (int i = 0; i < list.size(); i++) {
            Transaction tx = list.get(i);
            WalletTx t = txs.get(tx.txid());
            boolean spendsKnown = t != null && t.live();
            if (t == null) {
                if (!isRelevant(tx)) {
                    continue;
                }
                t = add(tx, Math.min(now, block.header().time()));
            }
            t.confirm(blockHash, height, block.header().time(), i);
            if (!spendsKnown) {
                addSpends(t);
            }
            changed.add(t);
        }
        setTip(blockHash, height);
    }

    /** A block left the active chain: ours in it go back to pending (a coinbase is orphaned), its conflicts are undone. */
    void blockDisconnected(Block block, int height, Set<WalletTx> changed) {
        Hash blockHash = block.hash();
        for (Transaction tx : block.transactions()) {
            WalletTx t = txs.get(tx.txid());
            if (t != null && t.state == TxState.CONFIRMED && blockHash.equals(t.blockHash)) {
                t.unconfirm(tx.isCoinbase() ? TxState.ORPHANED : TxState.PENDING);
                if (!t.live()) {
                    removeSpends(t);
                }
                changed.add(t);
            }
        }
        for (WalletTx t : txs.values()) {
            if (t.state == TxState.CONFLICTED && blockHash.equals(t.conflictBlock)) {
                reviveConflicted(t, changed);
            }
        }
        setTip(block.header().prevHash(), height - 1);
    }

    /** Treats every block above {@code height} as disconnected (when the chain moved while the wallet was closed). */
    void rewindAbove(int height, Set<WalletTx> changed) {
        for (WalletTx t : txs.values()) {
            if (t.state == TxState.CONFIRMED && t.height > height) {
                t.unconfirm(t.tx.isCoinbase() ? TxState.ORPHANED : TxState.PENDING);
                if (!t.live()) {
                    removeSpends(t);
                }
                changed.add(t);
            }
        }
        for (WalletTx t : new ArrayList<>(txs.values())) {
            if (t.state == TxState.CONFLICTED && t.conflictHeight > height) {
                reviveConflicted(t, changed);
            }
        }
    }

    /** A transaction reached the mempool: tracked as pending if it touches us. Returns it, or null if not ours. */
    WalletTx pending(Transaction tx, long now, Set<WalletTx> changed) {
        WalletTx t = txs.get(tx.txid());
        if (t != null) {
            return t;
        }
        if (!isRelevant(tx)) {
            return null;
        }
        t = add(tx, now);
        addSpends(t);
        changed.add(t);
        return t;
    }

    WalletTx tx(Hash txid) {
        return txs.get(txid);
    }

    int txCount() {
        return txs.size();
    }

    private WalletTx add(Transaction tx, long now) {
        WalletTx t = new WalletTx(tx, nextSeq++, now);
        txs.put(t.txid, t);
        indexOutputs(t);
        return t;
    }

    private void indexOutputs(WalletTx t) {
        List<TxOutput> outs = t.tx.outputs();
        for (int v = 0; v < outs.size(); v++) {
            WalletKey k = keys.get(outs.get(v).keyHash());
            if (k != null) {
                outputs.put(new OutPoint(t.txid, v), outs.get(v));
                k.used = true;
            }
        }
    }

    private void addSpends(WalletTx t) {
        if (t.tx.isCoinbase()) {
            return;
        }
        for (TxInput in : t.tx.inputs()) {
            if (outputs.containsKey(in.prevout())) {
                spentBy.putIfAbsent(in.prevout(), t.txid);
            }
        }
    }

    private void removeSpends(WalletTx t) {
        if (t.tx.isCoinbase()) {
            return;
        }
        for (TxInput in : t.tx.inputs()) {
            spentBy.remove(in.prevout(), t.txid);
        }
    }

    /** Marks {@code txid} conflicted, and with it every transaction of ours that spends its outputs. */
    private void markConflicted(Hash txid, Hash block, int height, Set<WalletTx> changed) {
        WalletTx t = txs.get(txid);
        if (t == null || t.state == TxState.CONFLICTED) {
            return;
        }
        if (t.state == TxState.CONFIRMED) {
            // A confirmed transaction cannot be double-spent by a block on the same chain; nothing to do.
            return;
        }
        removeSpends(t);
        t.unconfirm(TxState.CONFLICTED);
        t.conflictBlock = block;
        t.conflictHeight = height;
        changed.add(t);
        for (int v = 0; v < t.tx.outputs().size(); v++) {
            Hash child = spentBy.get(new OutPoint(txid, v));
            if (child != null) {
                markConflicted(child, block, height, changed);
            }
        }
    }

    private void reviveConflicted(WalletTx t, Set<WalletTx> changed) {
        t.state = TxState.PENDING;
        t.conflictBlock = null;
        t.conflictHeight = WalletTx.NO_HEIGHT;
        addSpends(t);
        changed.add(t);
    }

    // ------------------------------------------------------------------ reading

    int confirmations(WalletTx t) {
        return switch (t.state) {
            case CONFIRMED -> tipHeight - t.height + 1;
            case CONFLICTED -> t.conflictHeight == WalletTx.NO_HEIGHT ? -1 : -(tipHeight - t.conflictHeight + 1);
            case PENDING, ORPHANED -> 0;
        };
    }

    private boolean fromMe(WalletTx t) {
        if (t.tx.isCoinbase()) {
            return false;
        }
        for (TxInput in : t.tx.inputs()) {
            if (!outputs.containsKey(in.prevout())) {
                return false;
            }
        }
        return true;
    }

    private long debit(WalletTx t) {
        long sum = 0;
        if (!t.tx.isCoinbase()) {
            for (TxInput in : t.tx.inputs()) {
                TxOutput o = outputs.get(in.prevout());
                if (o != null) {
                    sum += o.amount();
                }
            }
        }
        return sum;
    }

    private boolean immature(WalletTx t) {
        return t.tx.isCoinbase() && t.state == TxState.CONFIRMED && confirmations(t) < ChainParams.COINBASE_MATURITY;
    }

    /** Unspent outputs of live transactions, with whether each is trusted and mature. */
    private void forEachUnspent(UnspentVisitor visitor) {
        for (WalletTx t : txs.values()) {
            if (!t.live()) {
                continue;
            }
            List<TxOutput> outs = t.tx.outputs();
            for (int v = 0; v < outs.size(); v++) {
                OutPoint p = new OutPoint(t.txid, v);
                if (outputs.containsKey(p) && !spentBy.containsKey(p)) {
                    visitor.visit(t, p, outs.get(v));
                }
            }
        }
    }

    private interface UnspentVisitor {
        void visit(WalletTx t, OutPoint p, TxOutput out);
    }

    WalletBalances balances() {
        long[] b = new long[3];
        forEachUnspent((t, p, out) -> {
            if (t.state == TxState.CONFIRMED) {
                b[immature(t) ? 2 : 0] += out.amount();
            } else {
                b[fromMe(t) ? 0 : 1] += out.amount();
            }
        });
        return new WalletBalances(b[0], b[1], b[2]);
    }

    /** Trusted, mature, unspent value with at least {@code minConf} confirmations (0 counts our own change). */
    long balance(int minConf) {
        long[] sum = {0};
        forEachUnspent((t, p, out) -> {
            if (trusted(t) && !immature(t) && confirmations(t) >= minConf) {
                sum[0] += out.amount();
            }
        });
        return sum[0];
    }

    private boolean trusted(WalletTx t) {
        return t.state == TxState.CONFIRMED || (t.state == TxState.PENDING && fromMe(t));
    }

    /** What a send may spend: trusted and mature, not spent by any of our pending or confirmed transactions. */
    List<SpendableOutput> spendable() {
        List<SpendableOutput> list = new ArrayList<>();
        forEachUnspent((t, p, out) -> {
            if (trusted(t) && !immature(t) && out.amount() > 0) {
                list.add(new SpendableOutput(p, out.amount(), keys.get(out.keyHash()).path));
            }
        });
        return list;
    }

    List<WalletOutput> unspent(int minConf, int maxConf) {
        List<WalletOutput> list = new ArrayList<>();
        forEachUnspent((t, p, out) -> {
            int conf = confirmations(t);
            if (!immature(t) && conf >= minConf && conf <= maxConf) {
                WalletKey k = keys.get(out.keyHash());
                list.add(new WalletOutput(p, new Address(addressPrefix, out.keyHash()), k.label, out.amount(), conf,
                        k.path, trusted(t)));
            }
        });
        return list;
    }

    /** The tip height at which a coinbase confirmed at {@code height} becomes spendable. */
    static int maturityHeight(int height) {
        return height + ChainParams.COINBASE_MATURITY - 1;
    }

    /** Unspent mined coins not yet mature, grouped by the height at which they mature, soonest first. */
    List<ImmatureCoins> immatureCoins() {
        java.util.TreeMap<Integer, Long> byHeight = new java.util.TreeMap<>();
        forEachUnspent((t, p, out) -> {
            if (immature(t)) {
                byHeight.merge(maturityHeight(t.height), out.amount(), Long::sum);
            }
        });
        List<ImmatureCoins> list = new ArrayList<>(byHeight.size());
        byHeight.forEach((h, a) -> list.add(new ImmatureCoins(h, a)));
        return list;
    }

    /**
     * The history as rows, newest first: cheaper than {@link #view} (no entries, no addresses encoded), so a screen
     * can show ten thousand of them at once.
     */
    List<TxSummary> summaries() {
        List<TxSummary> list = new ArrayList<>(txs.size());
        for (WalletTx t : txs.values()) {
            list.add(summary(t));
        }
        list.sort(java.util.Comparator.comparingLong(TxSummary::time).thenComparingInt(TxSummary::height).reversed());
        return list;
    }

    TxSummary summary(WalletTx t) {
        long credit = 0;
        String label = t.comment;
        for (TxOutput o : t.tx.outputs()) {
            WalletKey k = keys.get(o.keyHash());
            if (k != null) {
                credit += o.amount();
                if (label.isEmpty() && !k.label.isEmpty()) {
                    label = k.label;
                }
            }
        }
        long debit = debit(t);
        boolean fromMe = debit > 0 && fromMe(t);
        long fee = fromMe ? debit - t.tx.totalOutput() : 0;
        long time = t.height >= 0 ? Math.min(t.timeReceived, t.blockTime) : t.timeReceived;
        boolean coinbase = t.tx.isCoinbase();
        return new TxSummary(t.txid, t.state, confirmations(t), t.height, time, credit - debit, fee, coinbase,
                immature(t), coinbase && t.height >= 0 ? maturityHeight(t.height) : -1, label);
    }

    /**
     * What each receive address was paid by live transactions with at least {@code minConf} confirmations; with
     * {@code includeEmpty} also the addresses handed out and never paid. Change addresses are left out.
     */
    List<AddressReceipts> receipts(int minConf, boolean includeEmpty) {
        Map<KeyHash, long[]> totals = new LinkedHashMap<>();
        Map<KeyHash, List<Hash>> txids = new HashMap<>();
        for (WalletTx t : txs.values()) {
            int conf = confirmations(t);
            if (!t.live() || conf < minConf) {
                continue;
            }
            for (TxOutput o : t.tx.outputs()) {
                WalletKey k = keys.get(o.keyHash());
                if (k == null || k.path.chain() != KeyPath.RECEIVE) {
                    continue;
                }
                long[] total = totals.computeIfAbsent(o.keyHash(), h -> new long[] {0, Integer.MAX_VALUE});
                total[0] += o.amount();
                total[1] = Math.min(total[1], conf);
                List<Hash> ids = txids.computeIfAbsent(o.keyHash(), h -> new ArrayList<>());
                if (!ids.contains(t.txid)) {
                    ids.add(t.txid);
                }
            }
        }
        List<AddressReceipts> list = new ArrayList<>();
        for (WalletKey k : byChain.get(KeyPath.RECEIVE)) {
            long[] total = totals.get(k.keyHash);
            if (total == null && !(includeEmpty && k.issued)) {
                continue;
            }
            list.add(new AddressReceipts(new Address(addressPrefix, k.keyHash), k.label, total == null ? 0 : total[0],
                    total == null ? 0 : (int) total[1], txids.getOrDefault(k.keyHash, List.of())));
        }
        return list;
    }

    /** Outpoints that are ours and unspent by any of our live transactions. */
    boolean isUnspentOutput(OutPoint p) {
        return outputs.containsKey(p) && !spentBy.containsKey(p);
    }

    /** The history, oldest first. */
    List<WalletTransaction> history() {
        List<WalletTransaction> list = new ArrayList<>(txs.size());
        for (WalletTx t : txs.values()) {
            list.add(view(t));
        }
        list.sort(java.util.Comparator.comparingLong(WalletTransaction::time).thenComparingInt(WalletTransaction::blockHeight)
                .thenComparingInt(WalletTransaction::blockIndex));
        return list;
    }

    WalletTransaction view(WalletTx t) {
        boolean fromMe = fromMe(t);
        long debit = debit(t);
        long credit = 0;
        List<TxOutput> outs = t.tx.outputs();
        for (TxOutput o : outs) {
            if (keys.containsKey(o.keyHash())) {
                credit += o.amount();
            }
        }
        long fee = fromMe ? debit - t.tx.totalOutput() : 0;
        long amount = credit - debit + fee;
        List<WalletTransaction.Entry> entries = new ArrayList<>();
        for (int v = 0; v < outs.size(); v++) {
            TxOutput o = outs.get(v);
            WalletKey k = keys.get(o.keyHash());
            Address address = new Address(addressPrefix, o.keyHash());
            if (fromMe && (k == null || k.path.chain() == KeyPath.RECEIVE)) {
                entries.add(new WalletTransaction.Entry("send", address, -o.amount(), v, k == null ? "" : k.label));
            }
            if (k == null || (fromMe && k.path.chain() == KeyPath.CHANGE)) {
                continue;
            }
            String category = !t.tx.isCoinbase() ? "receive"
                    : t.state != TxState.CONFIRMED ? "orphan" : immature(t) ? "immature" : "generate";
            entries.add(new WalletTransaction.Entry(category, address, o.amount(), v, k.label));
        }
        List<Hash> conflicts = new ArrayList<>();
        if (!t.tx.isCoinbase()) {
            for (TxInput in : t.tx.inputs()) {
                Hash other = spentBy.get(in.prevout());
                if (other != null && !other.equals(t.txid) && !conflicts.contains(other)) {
                    conflicts.add(other);
                }
            }
        }
        return new WalletTransaction(t.txid, t.state, confirmations(t), t.blockHash, t.height, t.blockTime, t.position,
                t.timeReceived, amount, -fee, fromMe, t.tx.isCoinbase(), entries, conflicts, t.comment, t.commentTo, t.tx);
    }
}
