package org.peerchain.node.api;

/** The operation needs the wallet's keys and the wallet is locked: ask for the password. */
public final class WalletLockedException extends WalletServiceException {
    private static final long serialVersionUID = 1L;

    public WalletLockedException(String message) {
        super(Reason.LOCKED, message);
    }
}
