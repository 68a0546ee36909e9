package org.peerchain.wallet;

/** A recovery phrase that cannot be read; the message says what is wrong, {@link #reason()} is stable. */
public final class InvalidRecoveryPhraseException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public enum Reason { WRONG_WORD_COUNT, UNKNOWN_WORD, CHECKSUM_MISMATCH }

    private final Reason reason;

    public InvalidRecoveryPhraseException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
