package org.peerchain.wallet;

/** A send that cannot be made as asked; the message says why in words, {@link #reason()} is stable. */
public final class CoinSelectionException extends Exception {
    private static final long serialVersionUID = 1L;

    public enum Reason { INSUFFICIENT_FUNDS, AMOUNT_BELOW_DUST, INVALID_FEE_RATE }

    private final Reason reason;

    public CoinSelectionException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
