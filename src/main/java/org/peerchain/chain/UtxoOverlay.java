package org.peerchain.chain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.peerchain.consensus.Coin;
import org.peerchain.core.CanonicalReader;
import org.peerchain.core.CanonicalWriter;
import org.peerchain.core.DecodingException;
import org.peerchain.core.KeyHash;
import org.peerchain.core.OutPoint;
import org.peerchain.core.TxOutput;

/**
 * What the UTXO set has gained and lost since the {@code utxo} table was last brought up to date: coins added,
 * and coins of the table spent. The set is the table with these changes applied.
 *
 * <p>A connect writes its changes as one appended row of the {@code utxo_log} table, in the same transaction as
 * the block, its undo data and the tip, instead of inserting and deleting rows at random places in the table's
 * B-tree (a page write each, about 20 a block). Every so many blocks {@link ChainDatabase} writes the overlay into
 * the table and empties the log, in one transaction; a coin created and spent between two such folds never
 * reaches the table at all. Opening the database reads the log back into the overlay: the stored changes, not
 * the blocks, so nothing is validated again.
 *
 * <p>The changes of the open transaction are also kept in order, to be logged at commit or undone at rollback.
 * Not thread-safe: used by {@link ChainDatabase} under the chain's lock.
 */
final class UtxoOverlay {
    private static final int ADD = 1;
    private static final int SPEND = 2;

    /** Coins added since the last fold. Looked up before the table. */
    private final Map<OutPoint, Coin> added = new HashMap<>();
    /** Coins of the table spent since the last fold, with the value the table holds. */
    private final Map<OutPoint, Coin> spentFromTable = new HashMap<>();
    /** The open transaction's changes, in order. */
    private final List<Change> pending = new ArrayList<>();
    private int savepoint = -1;

    /** One change and how it was applied, so that it can be undone exactly. */
    private record Change(int kind, OutPoint point, Coin coin, Coin replacedSpent, boolean fromTable) {
    }

    /** The overlay's answer for {@code p}: its coin, {@link #SPENT}, or null when only the table knows. */
    Coin find(OutPoint p) {
        Coin c = added.get(p);
        if (c != null) {
            return c;
        }
        return spentFromTable.containsKey(p) ? SPENT : null;
    }

    /** Marks "spent since the last fold" in {@link #find}; never a real coin. */
    static final Coin SPENT = new Coin(new TxOutput(0, KeyHash.wrap(new byte[KeyHash.LENGTH])), -1, false);

    /** Records that {@code p}, worth {@code coin}, was spent: from the added coins, or else from the table. */
    void spend(OutPoint p, Coin coin) {
        apply(SPEND, p, coin);
    }

    void add(OutPoint p, Coin coin) {
        apply(ADD, p, coin);
    }

    private void apply(int kind, OutPoint p, Coin coin) {
        if (kind == ADD) {
            Coin spent = spentFromTable.get(p);
            if (spent != null && spent.equals(coin)) {
                // the table's own coin comes back (a disconnect restoring what a connect spent)
                spentFromTable.remove(p);
                pending.add(new Change(ADD, p, coin, spent, true));
            } else {
                added.put(p, coin);
                pending.add(new Change(ADD, p, coin, null, false));
            }
        } else {
            if (added.remove(p) != null) {
                pending.add(new Change(SPEND, p, coin, null, false));
            } else {
                Coin before = spentFromTable.put(p, coin);
                pending.add(new Change(SPEND, p, coin, before, true));
            }
        }
    }

    private void undo(Change c) {
        if (c.kind == ADD) {
            if (c.fromTable) {
                spentFromTable.put(c.point, c.replacedSpent);
            } else {
                added.remove(c.point);
            }
        } else if (c.fromTable) {
            if (c.replacedSpent == null) {
                spentFromTable.remove(c.point);
            } else {
                spentFromTable.put(c.point, c.replacedSpent);
            }
        } else {
            added.put(c.point, c.coin);
        }
    }

    boolean hasPending() {
        return !pending.isEmpty();
    }

    /** The open transaction's changes as a log row. */
    byte[] pendingLogRow() {
        CanonicalWriter w = new CanonicalWriter(16 + pending.size() * 72);
        w.compactSize(pending.size());
        for (Change c : pending) {
            w.u8(c.kind);
            ChainState.writeUndoCoin(w, c.point, c.coin);
        }
        return w.toByteArray();
    }

    /** The open transaction committed: its changes stay. */
    void committed() {
        pending.clear();
        savepoint = -1;
    }

    /** The open transaction rolled back: its changes are undone, newest first. */
    void rolledBack() {
        undoTo(0);
        savepoint = -1;
    }

    void savepoint() {
        savepoint = pending.size();
    }

    void releaseSavepoint() {
        savepoint = -1;
    }

    void rolledBackToSavepoint() {
        undoTo(Math.max(savepoint, 0));
        savepoint = -1;
    }

    private void undoTo(int size) {
        for (int i = pending.size() - 1; i >= size; i--) {
            undo(pending.remove(i));
        }
    }

    /** Applies a stored log row, as when it was written. */
    void replay(byte[] row) throws DecodingException {
        replayAsPending(row);
        pending.clear();
    }

    /** Applies a log row as the open transaction's changes (which {@link #pendingLogRow()} then encodes). */
    void replayAsPending(byte[] row) throws DecodingException {
        CanonicalReader r = new CanonicalReader(row);
        long n = r.compactSize("UTXO log length", row.length);
        for (long i = 0; i < n; i++) {
            int kind = r.u8("UTXO log change");
            if (kind != ADD && kind != SPEND) {
                throw new DecodingException("UTXO log change " + i + " has the unknown kind " + kind);
            }
            OutPoint p = new OutPoint(r.hash("UTXO log txid"), r.u32("UTXO log index"));
            long amount = r.i64("UTXO log amount");
            if (amount < 0) {
                throw new DecodingException("UTXO log change " + i + " has the negative amount " + amount);
            }
            KeyHash k = KeyHash.wrap(r.raw(KeyHash.LENGTH, "UTXO log key hash"));
            long height = r.u32("UTXO log height");
            if (height > Integer.MAX_VALUE) {
                throw new DecodingException("UTXO log change " + i + " has the height " + height);
            }
            int coinbase = r.u8("UTXO log coinbase");
            if (coinbase > 1) {
                throw new DecodingException("UTXO log change " + i + " has the coinbase flag " + coinbase);
            }
            apply(kind, p, new Coin(new TxOutput(amount, k), (int) height, coinbase == 1));
        }
        if (r.remaining() != 0) {
            throw new DecodingException("UTXO log row has " + r.remaining() + " bytes after its last change");
        }
    }

    /** Coins the table must lose when the overlay is folded into it (before {@link #addedCoins()} go in). */
    Map<OutPoint, Coin> spentFromTable() {
        return spentFromTable;
    }

    Map<OutPoint, Coin> addedCoins() {
        return added;
    }

    /** Changes held: what a fold would write. */
    int size() {
        return added.size() + spentFromTable.size();
    }

    /** After a fold: the table holds everything. */
    void clear() {
        added.clear();
        spentFromTable.clear();
        pending.clear();
        savepoint = -1;
    }
}
