package org.peerchain.wallet;

/** A wallet operation that cannot be done as asked; the message says why in words, {@link #reason()} is stable. */
public final class WalletException extends Exception {
    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** The spendable coins do not cover the amount and fee. */
        INSUFFICIENT_FUNDS,
        /** The amount (or what is left of it after the fee) is below the dust threshold. */
        AMOUNT_BELOW_DUST,
        /** The amount is zero, negative, or not a valid amount. */
        INVALID_AMOUNT,
        /** The fee rate is outside what the wallet accepts. */
        INVALID_FEE_RATE,
        /** The operation needs the keys and the wallet is locked. */
        LOCKED,
        /** Every derived address is handed out and the wallet is locked, so no new one can be derived. */
        KEYPOOL_EXHAUSTED,
        /** The node refused the transaction; the message gives its reason. */
        REJECTED,
        /** Reading or writing the wallet's files failed. */
        STORAGE,
        /** A coin named for coin control or {@code lockunspent} is not an unspent output of ours, or not locked. */
        UNKNOWN_COIN,
        /** A reviewed send can no longer be made as reviewed: one of its coins was spent or locked since. */
        STALE_DRAFT
    }

    private final Reason reason;

    public WalletException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public WalletException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
