package org.peerchain.wallet;

import org.peerchain.core.Hash;
import org.peerchain.core.Transaction;

/** A transaction that pays or spends the wallet, and where it stands. Owned (and mutated) by {@link WalletLedger}. */
final class WalletTx {
    static final int NO_HEIGHT = -1;

    final Transaction tx;
    final Hash txid;
    final long seq;
    final long timeReceived;
    TxState state = TxState.PENDING;
    Hash blockHash;
    int height = NO_HEIGHT;
    long blockTime;
    int position;
    /** The block holding the transaction that made this one conflicted, and its height. */
    Hash conflictBlock;
    int conflictHeight = NO_HEIGHT;
    String comment = "";
    String commentTo = "";
    /** True once the wallet database holds this transaction (so a change to it is not an addition). */
    boolean stored;

    WalletTx(Transaction tx, long seq, long timeReceived) {
        this.tx = tx;
        this.txid = tx.txid();
        this.seq = seq;
        this.timeReceived = timeReceived;
    }

    boolean live() {
        return state == TxState.PENDING || state == TxState.CONFIRMED;
    }

    void confirm(Hash block, int atHeight, long time, int index) {
        state = TxState.CONFIRMED;
        blockHash = block;
        height = atHeight;
        blockTime = time;
        position = index;
        conflictBlock = null;
        conflictHeight = NO_HEIGHT;
    }

    void unconfirm(TxState to) {
        state = to;
        blockHash = null;
        height = NO_HEIGHT;
        blockTime = 0;
        position = 0;
    }
}
