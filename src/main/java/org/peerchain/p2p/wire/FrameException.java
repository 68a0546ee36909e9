package org.peerchain.p2p.wire;

import java.io.IOException;

/**
 * A frame that breaks the wire rules. {@link #code()} is a stable reason code (sent back in the
 * {@code error} frame and asserted by tests); the message says what is wrong in words.
 */
public final class FrameException extends IOException {
    public static final String FRAME_TOO_LARGE = "frame-too-large";
    public static final String MESSAGE_TOO_LARGE = "message-too-large";
    public static final String EMPTY_FRAME = "empty-frame";
    public static final String BAD_JSON = "bad-json";
    public static final String NOT_AN_OBJECT = "not-an-object";
    public static final String TYPE_NOT_FIRST = "type-not-first";
    public static final String BAD_FIELD = "bad-field";
    public static final String TRUNCATED = "truncated";

    private final String code;

    public FrameException(String code, String message) {
        super(message);
        this.code = code;
    }

    public FrameException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** The error frame that tells the remote side why it is being disconnected. */
    public Message.Error toErrorMessage() {
        return new Message.Error(code, getMessage());
    }
}
