package org.peerchain.node.rpc;

/**
 * Error codes, as bitcoind uses them (src/rpc/protocol.h), so that bitcoind client libraries recognise them.
 */
public final class RpcErrors {
    // Application errors, bitcoind's numbering.
    public static final int MISC_ERROR = -1;
    public static final int TYPE_ERROR = -3;
    public static final int INVALID_ADDRESS_OR_KEY = -5;
    public static final int WALLET_INSUFFICIENT_FUNDS = -6;
    public static final int INVALID_PARAMETER = -8;
    /** Bytes that do not decode (a block or transaction in hex). */
    public static final int DESERIALIZATION_ERROR = -22;
    public static final int IN_WARMUP = -28;

    // Wallet errors, bitcoind's numbering.
    public static final int WALLET_ERROR = -4;
    public static final int WALLET_KEYPOOL_RAN_OUT = -12;
    public static final int WALLET_UNLOCK_NEEDED = -13;
    public static final int WALLET_PASSPHRASE_INCORRECT = -14;
    public static final int WALLET_NOT_FOUND = -18;

    // JSON-RPC 2.0 standard errors.
    public static final int PARSE_ERROR = -32700;
    public static final int INVALID_REQUEST = -32600;
    public static final int METHOD_NOT_FOUND = -32601;
    public static final int INVALID_PARAMS = -32602;
    public static final int INTERNAL_ERROR = -32603;

    private RpcErrors() {
    }
}
