package org.peerchain.ui.transactions;

import org.peerchain.node.api.WalletTxState;

/** The Transactions screen's state filter: everything, or one state. */
public enum StateFilter {
    ALL("All states", null),
    PENDING("Pending", WalletTxState.PENDING),
    CONFIRMED("Confirmed", WalletTxState.CONFIRMED),
    MINED("Mined", WalletTxState.MINED),
    IMMATURE("Immature", WalletTxState.IMMATURE),
    CONFLICTED("Conflicted", WalletTxState.CONFLICTED);

    private final String title;
    private final WalletTxState state;

    StateFilter(String title, WalletTxState state) {
        this.title = title;
        this.state = state;
    }

    public boolean admits(WalletTxState s) {
        return state == null || state == s;
    }

    public String title() {
        return title;
    }

    @Override
    public String toString() {
        return title;
    }
}
