package org.peerchain.core;

/** Bytes or JSON that do not decode into a value; the message names the field and what is wrong. */
public final class DecodingException extends RuntimeException {
    public DecodingException(String message) {
        super(message);
    }

    public DecodingException(String message, Throwable cause) {
        super(message, cause);
    }
}
