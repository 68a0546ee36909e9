package org.peerchain.chain;

/** The chain database cannot be opened, read or written; the message names the file and what is wrong. */
public final class ChainStoreException extends RuntimeException {
    public ChainStoreException(String message) {
        super(message);
    }

    public ChainStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
