package org.peerchain.consensus;

/**
 * A consensus or policy rule that a block, header or transaction breaks. {@link #reason()} is a stable
 * code in Bitcoin Core's style ({@code high-hash}, {@code bad-txns-inputs-missingorspent}) that tests
 * and peers can rely on; the message adds what was found.
 */
public final class ValidationException extends Exception {
    private final String reason;

    public ValidationException(String reason, String detail) {
        super(reason + ": " + detail);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
