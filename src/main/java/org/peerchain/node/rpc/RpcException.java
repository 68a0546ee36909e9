package org.peerchain.node.rpc;

/** An error to send back to the caller, with a bitcoind-style code (see {@link RpcErrors}) and a message. */
public class RpcException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int code;

    public RpcException(int code, String message) {
        super(message);
        this.code = code;
    }

    public int code() {
        return code;
    }
}
