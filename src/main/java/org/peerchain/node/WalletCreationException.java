package org.peerchain.node;

/** A wallet could not be made; the message says what is wrong in words a user can act on, {@link #reason()} is stable. */
public final class WalletCreationException extends Exception {
    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** The recovery phrase does not have {@link WalletCreation#WORD_COUNT} words. */
        WRONG_WORD_COUNT,
        /** A word of the recovery phrase is not in the BIP39 English word list. */
        UNKNOWN_WORD,
        /** The words are all in the list, but one is wrong or out of order. */
        CHECKSUM_MISMATCH,
        /** Too short, or too long for the keystore. */
        INVALID_PASSWORD,
        /** The data directory already has a wallet (or a wallet database without its keystore). */
        ALREADY_EXISTS,
        /** The files could not be written. */
        STORAGE
    }

    private final Reason reason;

    public WalletCreationException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public WalletCreationException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** True when the recovery phrase is what is wrong (so the user fixes the words, not the disk). */
    public boolean inRecoveryPhrase() {
        return reason == Reason.WRONG_WORD_COUNT || reason == Reason.UNKNOWN_WORD || reason == Reason.CHECKSUM_MISMATCH;
    }
}
