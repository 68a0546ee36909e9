package org.peerchain.wallet;

/** The wallet database cannot be opened, read or written; the message names the file and what went wrong. */
public final class WalletStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public WalletStoreException(String message) {
        super(message);
    }

    public WalletStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
