package org.peerchain.wallet;

/** An operation needs the wallet's secrets while it is locked (or its secrets were wiped). */
public final class WalletLockedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;
    public static final String MESSAGE = "the wallet is locked: unlock it with walletpassphrase";

    public WalletLockedException() {
        super(MESSAGE);
    }
}
