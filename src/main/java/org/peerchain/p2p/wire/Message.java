package org.peerchain.p2p.wire;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The messages the tracker and the node's handshake speak. Each has a {@code type} name, written as
 * the first key of its JSON object, and an encoding of its other fields. The P2P layer adds its own
 * message kinds to a {@link MessageCatalog}.
 */
public interface Message {
    int MAX_PORT = 65_535;
    /** Upper bound of the peer entries in one {@code peers} message. */
    int MAX_PEERS_PER_MESSAGE = 1_000;
    int MAX_ERROR_TEXT = 1_000;
    int MAX_HOST_LENGTH = 255;

    String type();

    /** Adds this message's fields (not {@code type}) to {@code o}. */
    void writeFields(JsonObject o);

    /** {@code version}: the first message of a handshake, from each side. Port 0 means "takes no inbound connections". */
    /**
     * {@code version}: who a side is (its network, protocol, node id and the public {@code nodeKey} the id is derived
     * from, its listen port, height and work) and a fresh {@code challenge} the other side signs in its
     * {@link Verack}.
     */
    record Version(String network, int protocolVersion, String nodeId, int port, long height, BigInteger work,
                   String nodeKey, String challenge)
            implements Message {
        public static final String TYPE = "version";
        /** Hex digits of a node key (32 bytes) and of a challenge (32 bytes). */
        public static final int KEY_HEX = 64;

        public Version {
            Objects.requireNonNull(network);
            Objects.requireNonNull(nodeId);
            Objects.requireNonNull(work);
            Objects.requireNonNull(nodeKey);
            Objects.requireNonNull(challenge);
        }

        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public void writeFields(JsonObject o) {
            o.addProperty("network", network);
            o.addProperty("protocolVersion", protocolVersion);
            o.addProperty("nodeId", nodeId);
            o.addProperty("port", port);
            o.addProperty("height", height);
            o.addProperty("work", work.toString(16));
            putIfAny(o, "nodeKey", nodeKey);
            putIfAny(o, "challenge", challenge);
        }

        static Version read(JsonFields f) throws FrameException {
            return new Version(f.networkId("network"), (int) f.integer("protocolVersion", 0, Integer.MAX_VALUE),
                    f.nodeId("nodeId"), (int) f.integer("port", 0, MAX_PORT), f.integer("height", 0, Long.MAX_VALUE),
                    new BigInteger(f.hex("work"), 16), f.optionalHexOfLength("nodeKey", KEY_HEX),
                    f.optionalHexOfLength("challenge", KEY_HEX));
        }
    }

    /**
     * {@code verack}: "your version is accepted", with the {@code proof} that this side holds its node key: its
     * signature of the other side's challenge (see {@code NodeKey}). The handshake is complete when both sides have
     * had one and checked its proof.
     */
    record Verack(String proof) implements Message {
        public static final String TYPE = "verack";
        /** Hex digits of a proof (a 64-byte Ed25519 signature). */
        public static final int PROOF_HEX = 128;

        public Verack {
            Objects.requireNonNull(proof);
        }

        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public void writeFields(JsonObject o) {
            putIfAny(o, "proof", proof);
        }

        static Verack read(JsonFields f) throws FrameException {
            return new Verack(f.optionalHexOfLength("proof", PROOF_HEX));
        }
    }

    record Ping(long nonce) implements Message {
        public static final String TYPE = "ping";

        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public void writeFields(JsonObject o) {
            o.addProperty("nonce", nonce);
        }

        static Ping read(JsonFields f) throws FrameException {
            return new Ping(f.integer("nonce", Long.MIN_VALUE, Long.MAX_VALUE));
        }
    }

    record Pong(long nonce) implements Message {
        public static final String TYPE = "pong";

        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public void writeFields(JsonObject o) {
            o.addProperty("nonce", nonce);
        }

        static Pong read(JsonFields f) throws FrameException {
            return new Pong(f.integer("nonce", Long.MIN_VALUE, Long.MAX_VALUE));
        }
    }

    /** {@code announce}: a node asks the tracker to list it; the tracker answers with {@code peers}. */
    record Announce(String network, int port, String nodeId, int protocolVersion, long height, String nodeKey,
                    long time, String proof) implements Message {
        public static final String TYPE = "announce";

        public Announce {
            Objects.requireNonNull(network);
            Objects.requireNonNull(nodeId);
            Objects.requireNonNull(nodeKey);
            Objects.requireNonNull(proof);
        }

        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public void writeFields(JsonObject o) {
            o.addProperty("network", network);
            o.addProperty("port", port);
            o.addProperty("nodeId", nodeId);
            o.addProperty("protocolVersion", protocolVersion);
            o.addProperty("height", height);
            putIfAny(o, "nodeKey", nodeKey);
            o.addProperty("time", time);
            putIfAny(o, "proof", proof);
        }

        static Announce read(JsonFields f) throws FrameException {
            return new Announce(f.networkId("network"), (int) f.integer("port", 1, MAX_PORT), f.nodeId("nodeId"),
                    (int) f.integer("protocolVersion", 0, Integer.MAX_VALUE), f.integer("height", 0, Long.MAX_VALUE),
                    f.optionalHexOfLength("nodeKey", Version.KEY_HEX), f.optionalInteger("time", 0, Long.MAX_VALUE, 0),
                    f.optionalHexOfLength("proof", Verack.PROOF_HEX));
        }
    }

    /** {@code getpeers}: a sample of live peers of a network without registering; answered with {@code peers}. */
    record GetPeers(String network) implements Message {
        public static final String TYPE = "getpeers";

        public GetPeers {
            Objects.requireNonNull(network);
        }

        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public void writeFields(JsonObject o) {
            o.addProperty("network", network);
        }

        static GetPeers read(JsonFields f) throws FrameException {
            return new GetPeers(f.networkId("network"));
        }
    }

    /** One entry of a {@code peers} message: where a peer listens, as the tracker observed it. */
    record PeerAddress(String host, int port, String nodeId, long height) {
        public PeerAddress {
            Objects.requireNonNull(host);
            Objects.requireNonNull(nodeId);
        }
    }

    record Peers(List<PeerAddress> peers) implements Message {
        public static final String TYPE = "peers";

        public Peers {
            peers = List.copyOf(peers);
        }

        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public void writeFields(JsonObject o) {
            JsonArray a = new JsonArray(peers.size());
            for (PeerAddress p : peers) {
                JsonObject e = new JsonObject();
                e.addProperty("host", p.host());
                e.addProperty("port", p.port());
                e.addProperty("nodeId", p.nodeId());
                e.addProperty("height", p.height());
                a.add(e);
            }
            o.add("peers", a);
        }

        static Peers read(JsonFields f) throws FrameException {
            JsonArray a = f.array("peers", MAX_PEERS_PER_MESSAGE);
            List<PeerAddress> list = new ArrayList<>(a.size());
            for (int i = 0; i < a.size(); i++) {
                JsonFields e = f.object(a.get(i), "peers[" + i + "]");
                list.add(new PeerAddress(e.string("host", MAX_HOST_LENGTH), (int) e.integer("port", 1, MAX_PORT),
                        e.nodeId("nodeId"), e.integer("height", 0, Long.MAX_VALUE)));
            }
            return new Peers(list);
        }
    }

    /** {@code leave}: a node going away asks the tracker to drop its entry (observed address + this port). */
    record Leave(String network, int port, String nodeId) implements Message {
        public static final String TYPE = "leave";

        public Leave {
            Objects.requireNonNull(network);
            Objects.requireNonNull(nodeId);
        }

        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public void writeFields(JsonObject o) {
            o.addProperty("network", network);
            o.addProperty("port", port);
            o.addProperty("nodeId", nodeId);
        }

        static Leave read(JsonFields f) throws FrameException {
            return new Leave(f.networkId("network"), (int) f.integer("port", 1, MAX_PORT), f.nodeId("nodeId"));
        }
    }

    /** {@code error}: why the sender refuses something; usually followed by closing the connection. */
    record Error(String code, String message) implements Message {
        public static final String TYPE = "error";

        public Error {
            Objects.requireNonNull(code);
            Objects.requireNonNull(message);
            if (message.length() > MAX_ERROR_TEXT) {
                message = message.substring(0, MAX_ERROR_TEXT);
            }
        }

        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public void writeFields(JsonObject o) {
            o.addProperty("code", code);
            o.addProperty("message", message);
        }

        static Error read(JsonFields f) throws FrameException {
            return new Error(f.string("code", 64), f.string("message", MAX_ERROR_TEXT));
        }
    }

    /**
     * A frame of a type this side does not know. Its body is skipped unparsed; callers ignore it and
     * count it, so the protocol can grow.
     */
    record Unknown(String type, int frameBytes) implements Message {
        @Override
        public void writeFields(JsonObject o) {
            throw new UnsupportedOperationException("an unknown message is never sent");
        }
    }

    /**
     * A frame of a known type that was not decoded because its sender is over its allowance for that type (see
     * {@link FrameReader.Admission}). Its body was skipped unparsed.
     */
    record Skipped(String type, int frameBytes) implements Message {
        @Override
        public void writeFields(JsonObject o) {
            throw new UnsupportedOperationException("a skipped message is never sent");
        }
    }

    /** Writes {@code value} under {@code name} unless it is empty (a field an older side would not send either). */
    private static void putIfAny(JsonObject o, String name, String value) {
        if (!value.isEmpty()) {
            o.addProperty(name, value);
        }
    }
}
