package org.peerchain.node.api;

/** A wallet operation that cannot be done as asked; the message says why in words, {@link #reason()} is stable. */
public class WalletServiceException extends Exception {
    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** The data directory has no wallet: create or restore one. */
        NO_WALLET,
        /** A wallet exists already; it is never overwritten. */
        ALREADY_EXISTS,
        /** The operation needs the keys: unlock the wallet or give the password. */
        LOCKED,
        WRONG_PASSWORD,
        /** A new password too short. */
        INVALID_PASSWORD,
        /** Recovery words with a wrong count, an unknown word or a checksum that does not match. */
        INVALID_PHRASE,
        INVALID_ADDRESS,
        INVALID_AMOUNT,
        /** A label too long. */
        INVALID_LABEL,
        INVALID_FEE_RATE,
        INSUFFICIENT_FUNDS,
        AMOUNT_BELOW_DUST,
        /** A coin named for coin control or locking is not an unspent output of ours (or not locked). */
        UNKNOWN_COIN,
        /** The reviewed send is gone (too old) or its coins were spent since: review it again. */
        STALE_REVIEW,
        UNKNOWN_TRANSACTION,
        /** Every derived address is in use and the wallet is locked. */
        KEYPOOL_EXHAUSTED,
        /** The node refused the transaction; the message gives its reason. */
        REJECTED,
        /** The keystore was made before PeerChain kept the recovery words (version 1): they cannot be shown. */
        WORDS_NOT_KEPT,
        /** Reading or writing the wallet's files failed. */
        STORAGE
    }

    private final Reason reason;

    public WalletServiceException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public WalletServiceException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
