package org.peerchain.node;

/** The node cannot start; the message says why in words a user can act on. */
public final class NodeStartException extends Exception {
    public NodeStartException(String message) {
        super(message);
    }

    public NodeStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
