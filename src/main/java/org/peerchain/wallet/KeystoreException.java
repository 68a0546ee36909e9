package org.peerchain.wallet;

/** The keystore file cannot be opened or used; the message says why, {@link #reason()} is stable. */
public class KeystoreException extends Exception {
    private static final long serialVersionUID = 1L;

    public enum Reason { WRONG_PASSWORD, CORRUPTED, UNSUPPORTED_VERSION, ALREADY_EXISTS, INVALID_PASSWORD }

    private final Reason reason;

    public KeystoreException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public KeystoreException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
