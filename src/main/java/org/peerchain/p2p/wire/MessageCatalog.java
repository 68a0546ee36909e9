package org.peerchain.p2p.wire;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The message kinds one side of a connection understands, and the largest frame it accepts at all.
 * Immutable; {@link #with} makes a wider catalog (the P2P layer adds headers, blocks, ...).
 */
public final class MessageCatalog {
    private final Map<String, MessageKind> kinds;
    private final int maxFrameBytes;

    private MessageCatalog(Map<String, MessageKind> kinds, int maxFrameBytes) {
        this.kinds = Map.copyOf(kinds);
        this.maxFrameBytes = maxFrameBytes;
    }

    /** The handshake, keepalive and tracker messages, with the full frame limit. */
    public static MessageCatalog standard() {
        Map<String, MessageKind> m = new LinkedHashMap<>();
        int control = WireLimits.MAX_CONTROL_MESSAGE_BYTES;
        put(m, new MessageKind(Message.Version.TYPE, control, (o, t) -> Message.Version.read(new JsonFields(o, t))));
        put(m, new MessageKind(Message.Verack.TYPE, control, (o, t) -> Message.Verack.read(new JsonFields(o, t))));
        put(m, new MessageKind(Message.Ping.TYPE, control, (o, t) -> Message.Ping.read(new JsonFields(o, t))));
        put(m, new MessageKind(Message.Pong.TYPE, control, (o, t) -> Message.Pong.read(new JsonFields(o, t))));
        put(m, new MessageKind(Message.Announce.TYPE, control, (o, t) -> Message.Announce.read(new JsonFields(o, t))));
        put(m, new MessageKind(Message.GetPeers.TYPE, control, (o, t) -> Message.GetPeers.read(new JsonFields(o, t))));
        put(m, new MessageKind(Message.Leave.TYPE, control, (o, t) -> Message.Leave.read(new JsonFields(o, t))));
        put(m, new MessageKind(Message.Error.TYPE, control, (o, t) -> Message.Error.read(new JsonFields(o, t))));
        put(m, new MessageKind(Message.Peers.TYPE, WireLimits.MAX_PEERS_MESSAGE_BYTES,
                (o, t) -> Message.Peers.read(new JsonFields(o, t))));
        return new MessageCatalog(m, WireLimits.MAX_FRAME_BYTES);
    }

    private static void put(Map<String, MessageKind> m, MessageKind k) {
        m.put(k.type(), k);
    }

    /** This catalog plus {@code extra} kinds (replacing kinds of the same name). */
    public MessageCatalog with(Collection<MessageKind> extra) {
        Map<String, MessageKind> m = new LinkedHashMap<>(kinds);
        extra.forEach(k -> put(m, k));
        return new MessageCatalog(m, maxFrameBytes);
    }

    /**
     * The same kinds with a smaller frame limit, for a server that only ever expects small frames
     * (the tracker) and must not buffer megabytes per connection.
     */
    public MessageCatalog withMaxFrameBytes(int max) {
        if (max <= 0 || max > WireLimits.MAX_FRAME_BYTES) {
            throw new IllegalArgumentException("max frame bytes must be in (0, " + WireLimits.MAX_FRAME_BYTES + "]");
        }
        return new MessageCatalog(kinds, max);
    }

    public int maxFrameBytes() {
        return maxFrameBytes;
    }

    public Optional<MessageKind> kind(String type) {
        return Optional.ofNullable(kinds.get(type));
    }
}
