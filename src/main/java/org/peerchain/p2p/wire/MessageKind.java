package org.peerchain.p2p.wire;

import com.google.gson.JsonObject;
import java.util.Objects;

/**
 * One message type the decoder knows: its name, the largest frame it may arrive in (checked before the
 * body is read), and how to turn its JSON object into a {@link Message}.
 */
public record MessageKind(String type, int maxFrameBytes, Decoder decoder) {
    public MessageKind {
        Objects.requireNonNull(type);
        Objects.requireNonNull(decoder);
        if (maxFrameBytes <= 0 || maxFrameBytes > WireLimits.MAX_FRAME_BYTES) {
            throw new IllegalArgumentException(type + ": max frame bytes must be in (0, " + WireLimits.MAX_FRAME_BYTES + "]");
        }
    }

    /** Decodes the fields of a body whose {@code type} is already known. */
    @FunctionalInterface
    public interface Decoder {
        Message decode(JsonObject body, String type) throws FrameException;
    }
}
