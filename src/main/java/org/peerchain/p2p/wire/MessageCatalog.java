package org.peerchain.p2p.wire;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The message kinds one side of a connection understands, and the largest frame it accepts at all.
 * Immutable; {@link #with} makes a wider catalog (the P2P layer adds headers, blocks, ...).
 */
public final class MessageCatalog {
    private final Map<String, MessageKind> kinds;
    private final int maxFrameBytes;
    /** How a frame of a type outside this catalog is refused, or null: it is skipped (the protocol can grow). */
    private final Refusal othersRefused;

    /**
     * Why frames of other types are refused: the {@code error} code sent and the reason in words. The frame is refused
     * from its first bytes (its length and type): its body is never read.
     */
    public record Refusal(String code, String reason) {
    }

    private MessageCatalog(Map<String, MessageKind> kinds, int maxFrameBytes, Refusal othersRefused) {
        this.kinds = Map.copyOf(kinds);
        this.maxFrameBytes = maxFrameBytes;
        this.othersRefused = othersRefused;
    }

    /** The handshake, keepalive and tracker messages, with the full frame limit. */
    public static MessageCatalog standard() {
        return STANDARD;
    }

    /** Catalogs are immutable: the standard one is built once (every connection and probe asks for it). */
    private static final MessageCatalog STANDARD = buildStandard();

    private static MessageCatalog buildStandard() {
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
        return new MessageCatalog(m, WireLimits.MAX_FRAME_BYTES, null);
    }

    private static void put(Map<String, MessageKind> m, MessageKind k) {
        m.put(k.type(), k);
    }

    /** This catalog plus {@code extra} kinds (replacing kinds of the same name). */
    public MessageCatalog with(Collection<MessageKind> extra) {
        Map<String, MessageKind> m = new LinkedHashMap<>(kinds);
        extra.forEach(k -> put(m, k));
        return new MessageCatalog(m, maxFrameBytes, othersRefused);
    }

    /**
     * The same kinds with a smaller frame limit, for a server that only ever expects small frames
     * (the tracker) and must not buffer megabytes per connection.
     */
    public MessageCatalog withMaxFrameBytes(int max) {
        if (max <= 0 || max > WireLimits.MAX_FRAME_BYTES) {
            throw new IllegalArgumentException("max frame bytes must be in (0, " + WireLimits.MAX_FRAME_BYTES + "]");
        }
        return new MessageCatalog(kinds, max, othersRefused);
    }

    /**
     * Only the kinds {@code types} of this one, with a frame of any other type refused as {@code refusal} says instead
     * of skipped. A connection whose peer has not said who it is reads with such a catalog (the handshake's messages
     * and their small limits), so that a stranger can make the node read no more than a handshake message.
     */
    public MessageCatalog only(Set<String> types, Refusal refusal) {
        Map<String, MessageKind> m = new LinkedHashMap<>();
        for (String t : types) {
            MessageKind k = kinds.get(t);
            if (k == null) {
                throw new IllegalArgumentException("no message kind \"" + t + "\" in this catalog");
            }
            m.put(t, k);
        }
        return new MessageCatalog(m, maxFrameBytes, Objects.requireNonNull(refusal));
    }

    /** How frames of types this catalog does not hold are refused, if they are: empty when they are skipped. */
    public Optional<Refusal> othersRefused() {
        return Optional.ofNullable(othersRefused);
    }

    public int maxFrameBytes() {
        return maxFrameBytes;
    }

    public Optional<MessageKind> kind(String type) {
        return Optional.ofNullable(kinds.get(type));
    }
}
