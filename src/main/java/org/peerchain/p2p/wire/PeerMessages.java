package org.peerchain.p2p.wire;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.peerchain.core.BlockHeader;
import org.peerchain.core.Hash;

/**
 * The node-to-node messages beyond the handshake and keepalive of {@link Message}: headers-first sync,
 * inventory relay, block and transaction transfer, and address exchange. Binary objects (headers,
 * blocks, transactions) travel as lower-case hex of their canonical bytes, so a receiver recomputes
 * every hash itself. {@link #catalog()} is what a node's connections decode.
 */
public final class PeerMessages {
    /** Most headers in one {@code headers} answer (Bitcoin Core's {@code MAX_HEADERS_RESULTS}). */
    public static final int MAX_HEADERS_RESULTS = 2_000;
    /** Most entries of one {@code inv}, {@code getdata} or {@code notfound} (Bitcoin Core's {@code MAX_INV_SZ}, smaller). */
    public static final int MAX_INV_SZ = 5_000;
    /** Most hashes in a block locator: about 10 + log2(height) are used; this bounds what a peer may send. */
    public static final int MAX_LOCATOR_SZ = 101;
    /** Most entries of one {@code addr}. */
    public static final int MAX_ADDR_SZ = 1_000;
    /** Largest block, in bytes of its canonical encoding, a {@code block} message may carry. */
    public static final int MAX_BLOCK_BYTES = 1_000_000;
    /** Largest transaction a {@code tx} message may carry. */
    public static final int MAX_TX_BYTES = 100_000;
    private static final int FRAME_OVERHEAD = 256;

    public static final int MAX_GETHEADERS_FRAME = MAX_LOCATOR_SZ * 70 + FRAME_OVERHEAD;
    public static final int MAX_HEADERS_FRAME = MAX_HEADERS_RESULTS * (BlockHeader.SIZE * 2 + 3) + FRAME_OVERHEAD;
    public static final int MAX_INV_FRAME = MAX_INV_SZ * 100 + FRAME_OVERHEAD;
    public static final int MAX_BLOCK_FRAME = MAX_BLOCK_BYTES * 2 + FRAME_OVERHEAD;
    public static final int MAX_TX_FRAME = MAX_TX_BYTES * 2 + FRAME_OVERHEAD;
    public static final int MAX_ADDR_FRAME = MAX_ADDR_SZ * 400 + FRAME_OVERHEAD;

    private static final HexFormat HEX = HexFormat.of();
    /** Lower-case hex digits' values; -1 for every other character below 128. */
    private static final byte[] NIBBLES = new byte[128];

    static {
        java.util.Arrays.fill(NIBBLES, (byte) -1);
        for (int d = 0; d < 10; d++) {
            NIBBLES['0' + d] = (byte) d;
        }
        for (int d = 0; d < 6; d++) {
            NIBBLES['a' + d] = (byte) (10 + d);
        }
    }

    private PeerMessages() {
    }

    /** The standard catalog plus every message here, each with its own frame limit. */
    public static MessageCatalog catalog() {
        int control = WireLimits.MAX_CONTROL_MESSAGE_BYTES;
        return MessageCatalog.standard().with(List.of(
                new MessageKind(GetHeaders.TYPE, MAX_GETHEADERS_FRAME, (o, t) -> GetHeaders.read(new JsonFields(o, t))),
                new MessageKind(Headers.TYPE, MAX_HEADERS_FRAME, (o, t) -> Headers.read(new JsonFields(o, t))),
                new MessageKind(Inv.TYPE, MAX_INV_FRAME, (o, t) -> new Inv(readItems(new JsonFields(o, t)))),
                new MessageKind(GetData.TYPE, MAX_INV_FRAME, (o, t) -> new GetData(readItems(new JsonFields(o, t)))),
                new MessageKind(NotFound.TYPE, MAX_INV_FRAME, (o, t) -> new NotFound(readItems(new JsonFields(o, t)))),
                new MessageKind(BlockMessage.TYPE, MAX_BLOCK_FRAME,
                        (o, t) -> new BlockMessage(hexBytes(new JsonFields(o, t), "data", MAX_BLOCK_BYTES))),
                new MessageKind(TxMessage.TYPE, MAX_TX_FRAME,
                        (o, t) -> new TxMessage(hexBytes(new JsonFields(o, t), "data", MAX_TX_BYTES))),
                new MessageKind(GetAddr.TYPE, control, (o, t) -> new GetAddr()),
                new MessageKind(Addr.TYPE, MAX_ADDR_FRAME, (o, t) -> Addr.read(new JsonFields(o, t)))));
    }

    /** What an inventory entry names. */
    public enum InvKind {
        BLOCK("block"), TX("tx");

        private final String wire;

        InvKind(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    public record InvItem(InvKind kind, Hash hash) {
        public InvItem {
            Objects.requireNonNull(kind);
            Objects.requireNonNull(hash);
        }
    }

    /**
     * {@code getheaders}: "send me the headers after the first of these I share with you". The locator
     * lists hashes from the sender's best header back to genesis, dense at first and then exponentially
     * sparser; {@code stop} (all zeros: none) ends the answer early.
     */
    public record GetHeaders(List<Hash> locator, Hash stop) implements Message {
        public static final String TYPE = "getheaders";

        public GetHeaders {
            locator = List.copyOf(locator);
            Objects.requireNonNull(stop);
        }

        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public void writeFields(JsonObject o) {
            JsonArray a = new JsonArray(locator.size());
            locator.forEach(h -> a.add(h.toHex()));
            o.add("locator", a);
            o.addProperty("stop", stop.toHex());
        }

        static GetHeaders read(JsonFields f) throws FrameException {
            JsonArray a = f.array("locator", MAX_LOCATOR_SZ);
            List<Hash> list = new ArrayList<>(a.size());
            for (int i = 0; i < a.size(); i++) {
                list.add(hash(f, a.get(i), "locator[" + i + "]"));
            }
            return new GetHeaders(list, hash(f, f.string("stop", 64), "stop"));
        }
    }

    /** {@code headers}: consecutive headers, oldest first, each the hex of its 80 canonical bytes. */
    public record Headers(List<BlockHeader> headers) implements Message {
        public static final String TYPE = "headers";

        public Headers {
            headers = List.copyOf(headers);
        }

        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public void writeFields(JsonObject o) {
            JsonArray a = new JsonArray(headers.size());
            headers.forEach(h -> a.add(HEX.formatHex(h.serialize())));
            o.add("headers", a);
        }

        static Headers read(JsonFields f) throws FrameException {
            JsonArray a = f.array("headers", MAX_HEADERS_RESULTS);
            List<BlockHeader> list = new ArrayList<>(a.size());
            for (int i = 0; i < a.size(); i++) {
                String field = "headers[" + i + "]";
                if (!a.get(i).isJsonPrimitive() || !a.get(i).getAsJsonPrimitive().isString()) {
                    throw new FrameException(FrameException.BAD_FIELD, f.type() + "." + field + ": expected a string");
                }
                byte[] bytes = hex(f.type(), field, a.get(i).getAsString(), BlockHeader.SIZE);
                if (bytes.length != BlockHeader.SIZE) {
                    throw new FrameException(FrameException.BAD_FIELD, f.type() + "." + field + ": a header is "
                            + BlockHeader.SIZE + " bytes, got " + bytes.length);
                }
                list.add(BlockHeader.deserialize(bytes));
            }
            return new Headers(list);
        }
    }

    /** {@code inv}: "I have these"; the receiver asks for what it lacks with {@code getdata}. */
    public record Inv(List<InvItem> items) implements Message {
        public static final String TYPE = "inv";

        public Inv {
            items = List.copyOf(items);
        }

        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public void writeFields(JsonObject o) {
            writeItems(o, items);
        }
    }

    /** {@code getdata}: "send me these"; answered with {@code block}/{@code tx} messages and one {@code notfound}. */
    public record GetData(List<InvItem> items) implements Message {
        public static final String TYPE = "getdata";

        public GetData {
            items = List.copyOf(items);
        }

        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public void writeFields(JsonObject o) {
            writeItems(o, items);
        }
    }

    /** {@code notfound}: the entries of a {@code getdata} the sender cannot serve. */
    public record NotFound(List<InvItem> items) implements Message {
        public static final String TYPE = "notfound";

        public NotFound {
            items = List.copyOf(items);
        }

        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public void writeFields(JsonObject o) {
            writeItems(o, items);
        }
    }

    /** {@code block}: one block's canonical bytes. */
    public record BlockMessage(byte[] data) implements Message {
        public static final String TYPE = "block";

        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public void writeFields(JsonObject o) {
            o.addProperty("data", HEX.formatHex(data));
        }
    }

    /** {@code tx}: one transaction's canonical bytes. */
    public record TxMessage(byte[] data) implements Message {
        public static final String TYPE = "tx";

        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public void writeFields(JsonObject o) {
            o.addProperty("data", HEX.formatHex(data));
        }
    }

    /** {@code getaddr}: "tell me peers you know"; answered with {@code addr}. */
    public record GetAddr() implements Message {
        public static final String TYPE = "getaddr";

        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public void writeFields(JsonObject o) {
        }
    }

    /** One known peer listen address and when it was last seen (seconds since 1970). */
    public record NetAddress(String host, int port, long lastSeen) {
        public NetAddress {
            Objects.requireNonNull(host);
        }
    }

    /** {@code addr}: listen addresses of peers the sender knows. */
    public record Addr(List<NetAddress> addresses) implements Message {
        public static final String TYPE = "addr";

        public Addr {
            addresses = List.copyOf(addresses);
        }

        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public void writeFields(JsonObject o) {
            JsonArray a = new JsonArray(addresses.size());
            for (NetAddress n : addresses) {
                JsonObject e = new JsonObject();
                e.addProperty("host", n.host());
                e.addProperty("port", n.port());
                e.addProperty("lastSeen", n.lastSeen());
                a.add(e);
            }
            o.add("addresses", a);
        }

        static Addr read(JsonFields f) throws FrameException {
            JsonArray a = f.array("addresses", MAX_ADDR_SZ);
            List<NetAddress> list = new ArrayList<>(a.size());
            for (int i = 0; i < a.size(); i++) {
                JsonFields e = f.object(a.get(i), "addresses[" + i + "]");
                list.add(new NetAddress(e.string("host", Message.MAX_HOST_LENGTH), (int) e.integer("port", 1, Message.MAX_PORT),
                        e.integer("lastSeen", 0, Long.MAX_VALUE)));
            }
            return new Addr(list);
        }
    }

    private static void writeItems(JsonObject o, List<InvItem> items) {
        JsonArray a = new JsonArray(items.size());
        for (InvItem i : items) {
            JsonObject e = new JsonObject();
            e.addProperty("kind", i.kind().wire());
            e.addProperty("hash", i.hash().toHex());
            a.add(e);
        }
        o.add("items", a);
    }

    private static List<InvItem> readItems(JsonFields f) throws FrameException {
        JsonArray a = f.array("items", MAX_INV_SZ);
        List<InvItem> list = new ArrayList<>(a.size());
        for (int i = 0; i < a.size(); i++) {
            String field = "items[" + i + "]";
            JsonFields e = f.object(a.get(i), field);
            String kind = e.string("kind", 16);
            InvKind k = switch (kind) {
                case "block" -> InvKind.BLOCK;
                case "tx" -> InvKind.TX;
                default -> throw new FrameException(FrameException.BAD_FIELD, f.type() + "." + field
                        + ".kind: expected \"block\" or \"tx\", got \"" + abbreviate(kind) + "\"");
            };
            list.add(new InvItem(k, hash(f, e.string("hash", 64), field + ".hash")));
        }
        return list;
    }

    private static Hash hash(JsonFields f, com.google.gson.JsonElement e, String field) throws FrameException {
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw new FrameException(FrameException.BAD_FIELD, f.type() + "." + field + ": expected a string");
        }
        return hash(f, e.getAsString(), field);
    }

    private static Hash hash(JsonFields f, String s, String field) throws FrameException {
        byte[] b = hex(f.type(), field, s, Hash.LENGTH);
        if (b.length != Hash.LENGTH) {
            throw new FrameException(FrameException.BAD_FIELD, f.type() + "." + field + ": a hash is 64 hex digits");
        }
        return Hash.wrap(b);
    }

    private static byte[] hexBytes(JsonFields f, String field, int maxBytes) throws FrameException {
        return hex(f.type(), field, f.string(field, maxBytes * 2), maxBytes);
    }

    private static byte[] hex(String type, String field, String s, int maxBytes) throws FrameException {
        if (s.isEmpty() || s.length() % 2 != 0 || s.length() > maxBytes * 2) {
            throw new FrameException(FrameException.BAD_FIELD, type + "." + field + ": expected an even number of hex digits,"
                    + " at most " + maxBytes * 2);
        }
        // One pass that checks and decodes: a block's hex is most of what a syncing node's reader does besides JSON.
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < s.length(); i += 2) {
            int hi = nibble(s.charAt(i));
            int lo = nibble(s.charAt(i + 1));
            if ((hi | lo) < 0) {
                int at = hi < 0 ? i : i + 1;
                char c = s.charAt(at);
                throw new FrameException(FrameException.BAD_FIELD, type + "." + field
                        + ": expected lower-case hex digits, found '" + (c < 0x20 ? '?' : c) + "' at " + at);
            }
            out[i >> 1] = (byte) (hi << 4 | lo);
        }
        return out;
    }

    /** The value of a lower-case hex digit, or -1 (any other character or byte, negative ones included). */
    static int nibble(int c) {
        return c >= 0 && c < 128 ? NIBBLES[c] : -1;
    }

    private static String abbreviate(String s) {
        return s.length() > 16 ? s.substring(0, 16) + "..." : s;
    }
}
