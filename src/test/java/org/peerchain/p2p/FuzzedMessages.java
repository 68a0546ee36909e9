package org.peerchain.p2p;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.peerchain.core.Block;
import org.peerchain.core.BlockHeader;
import org.peerchain.core.DecodingException;
import org.peerchain.core.Hash;
import org.peerchain.core.Transaction;
import org.peerchain.mining.ProofOfWork;
import org.peerchain.p2p.wire.Message;
import org.peerchain.p2p.wire.PeerMessages;
import org.peerchain.p2p.wire.PeerMessages.InvItem;
import org.peerchain.p2p.wire.PeerMessages.InvKind;
import org.peerchain.p2p.wire.WireCodec;
import org.peerchain.p2p.wire.WireLimits;

/**
 * Builds the frames of one fuzz input, as Bitcoin Core's {@code process_message} target does: a byte picks a
 * message type from the node's catalogue, then the fuzzer's data fills a well-formed message of that type from
 * the node's own material (its chain's hashes, headers and blocks, a valid next block, signed spends), or
 * mangles the JSON of one, or gives a raw body. Blocks, headers and transactions can be edited byte by byte and
 * their proof of work solved again, so edits reach the checks behind it.
 */
final class FuzzedMessages {
    /** One key for every made-up node id, key and proof: the fuzzer varies the rest. */
    private static final NodeKey KEY = NodeKey.generate();
    static final int MAX_MESSAGES_PER_INPUT = 4;
    /** Most list entries in a message built from fuzz data (the limits themselves are reached by a flag). */
    static final int MAX_FUZZED_ENTRIES = 16;
    static final int MAX_RAW_BODY_BYTES = 2_048;
    static final int MAX_BYTE_EDITS = 4;
    private static final long MAX_NONCE_TRIES = 1_000;

    /** Every type a node's connections decode, and one it does not know. */
    static final String[] TYPES = {
        PeerMessages.GetHeaders.TYPE, PeerMessages.Headers.TYPE, PeerMessages.Inv.TYPE, PeerMessages.GetData.TYPE,
        PeerMessages.NotFound.TYPE, PeerMessages.BlockMessage.TYPE, PeerMessages.TxMessage.TYPE,
        PeerMessages.GetAddr.TYPE, PeerMessages.Addr.TYPE, Message.Ping.TYPE, Message.Pong.TYPE, Message.Version.TYPE,
        Message.Verack.TYPE, Message.Error.TYPE, Message.Announce.TYPE, Message.GetPeers.TYPE, Message.Leave.TYPE,
        Message.Peers.TYPE, "unknown",
    };

    /** How a message's body is made. */
    private enum Style { WELL_FORMED, MANGLED_JSON, RAW_BODY }

    private final FuzzedNode target;
    private final FuzzedDataProvider data;
    private final String networkId;
    /** Hashes of the blocks sent in this input that decode: the only blocks that may move the tip. */
    final Set<Hash> blocksSent = new HashSet<>();
    final List<String> description = new ArrayList<>();

    FuzzedMessages(FuzzedNode target, FuzzedDataProvider data) {
        this.target = target;
        this.data = data;
        this.networkId = target.node.params().networkId();
    }

    byte[][] frames() {
        int n = data.consumeInt(1, MAX_MESSAGES_PER_INPUT);
        byte[][] out = new byte[n][];
        for (int i = 0; i < n; i++) {
            String type = TYPES[Math.floorMod(data.consumeByte(), TYPES.length)];
            Style style = Style.values()[data.consumeInt(0, Style.values().length - 1)];
            description.add(type + "/" + style);
            byte[] body = switch (style) {
                case WELL_FORMED -> json(type).toString().getBytes(StandardCharsets.UTF_8);
                case MANGLED_JSON -> mangle(json(type));
                case RAW_BODY -> rawBody(type);
            };
            out[i] = ByteBuffer.allocate(WireLimits.LENGTH_PREFIX_BYTES + body.length).putInt(body.length).put(body).array();
        }
        return out;
    }

    // ------------------------------------------------------------------ well-formed messages

    private Message message(String type) {
        return switch (type) {
            case PeerMessages.GetHeaders.TYPE -> new PeerMessages.GetHeaders(hashes(PeerMessages.MAX_LOCATOR_SZ), hash());
            case PeerMessages.Headers.TYPE -> new PeerMessages.Headers(headers());
            case PeerMessages.Inv.TYPE -> new PeerMessages.Inv(items());
            case PeerMessages.GetData.TYPE -> new PeerMessages.GetData(items());
            case PeerMessages.NotFound.TYPE -> new PeerMessages.NotFound(items());
            case PeerMessages.BlockMessage.TYPE -> new PeerMessages.BlockMessage(blockBytes());
            case PeerMessages.TxMessage.TYPE -> new PeerMessages.TxMessage(txBytes());
            case PeerMessages.GetAddr.TYPE -> new PeerMessages.GetAddr();
            case PeerMessages.Addr.TYPE -> new PeerMessages.Addr(addresses());
            case Message.Ping.TYPE -> new Message.Ping(data.consumeLong());
            case Message.Pong.TYPE -> new Message.Pong(data.consumeLong());
            case Message.Version.TYPE -> new Message.Version(networkId, data.consumeInt(0, Integer.MAX_VALUE),
                    KEY.nodeId(), data.consumeInt(0, 65_535), data.consumeLong(0, Long.MAX_VALUE),
                    BigInteger.valueOf(data.consumeLong(0, Long.MAX_VALUE)), KEY.publicKeyHex(), NodeKey.challenge());
            case Message.Verack.TYPE -> new Message.Verack(KEY.prove(networkId, KEY.nodeId(), NodeKey.challenge()));
            case Message.Error.TYPE -> new Message.Error(data.consumeAsciiString(32), data.consumeString(200));
            case Message.Announce.TYPE -> new NodeIdentity(networkId, KEY, () -> data.consumeLong(0, Long.MAX_VALUE),
                    () -> BigInteger.ZERO).announce(data.consumeInt(1, 65_535), System.currentTimeMillis() / 1000);
            case Message.GetPeers.TYPE -> new Message.GetPeers(networkId);
            case Message.Leave.TYPE -> new Message.Leave(networkId, data.consumeInt(1, 65_535), KEY.nodeId());
            case Message.Peers.TYPE -> new Message.Peers(List.of(new Message.PeerAddress(host(), data.consumeInt(1, 65_535),
                    KEY.nodeId(), data.consumeLong(0, Long.MAX_VALUE))));
            default -> throw new IllegalArgumentException("no message of type " + type);
        };
    }

    /** The JSON object of a well-formed message of {@code type}; for "unknown", a type the node does not know. */
    private JsonObject json(String type) {
        if (type.equals("unknown")) {
            JsonObject o = new JsonObject();
            o.addProperty("type", data.consumeAsciiString(WireLimits.MAX_TYPE_LENGTH + 1));
            return o;
        }
        byte[] frame = WireCodec.encode(message(type));
        String body = new String(frame, WireLimits.LENGTH_PREFIX_BYTES, frame.length - WireLimits.LENGTH_PREFIX_BYTES,
                StandardCharsets.UTF_8);
        return JsonParser.parseString(body).getAsJsonObject();
    }

    private int count(int limit) {
        // mostly a few entries; sometimes exactly the limit, or one over it
        return switch (data.consumeInt(0, 7)) {
            case 6 -> limit;
            case 7 -> limit + 1;
            default -> data.consumeInt(0, Math.min(limit, MAX_FUZZED_ENTRIES));
        };
    }

    private Hash hash() {
        List<Block> blocks = target.blocks;
        return switch (data.consumeInt(0, 5)) {
            case 0 -> Hash.ZERO;
            case 1 -> target.nextBlock().hash();
            case 2 -> target.spends.get(data.consumeInt(0, target.spends.size() - 1)).txid();
            case 3 -> Hash.wrap(Arrays.copyOf(data.consumeBytes(Hash.LENGTH), Hash.LENGTH));
            default -> blocks.get(data.consumeInt(0, blocks.size() - 1)).hash();
        };
    }

    private List<Hash> hashes(int limit) {
        int n = count(limit);
        List<Hash> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(hash());
        }
        return out;
    }

    private List<InvItem> items() {
        int n = count(PeerMessages.MAX_INV_SZ);
        List<InvItem> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new InvItem(data.consumeBoolean() ? InvKind.BLOCK : InvKind.TX, hash()));
        }
        return out;
    }

    private List<BlockHeader> headers() {
        int n = count(PeerMessages.MAX_HEADERS_RESULTS);
        List<BlockHeader> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            byte[] base = switch (data.consumeInt(0, 3)) {
                case 0 -> target.nextBlock().header().serialize();
                case 1 -> data.consumeBytes(BlockHeader.SIZE);
                default -> target.blocks.get(data.consumeInt(0, target.blocks.size() - 1)).header().serialize();
            };
            byte[] bytes = Arrays.copyOf(edit(base), BlockHeader.SIZE);
            BlockHeader h = BlockHeader.deserialize(bytes);
            if (data.consumeBoolean()) {
                h = solved(new Block(h, List.of())).header();
            }
            out.add(h);
        }
        return out;
    }

    private byte[] blockBytes() {
        byte[] base = switch (data.consumeInt(0, 3)) {
            case 0 -> target.nextBlock().serialize();
            case 1 -> data.consumeBytes(MAX_RAW_BODY_BYTES);
            default -> target.blocks.get(data.consumeInt(0, target.blocks.size() - 1)).serialize();
        };
        byte[] bytes = edit(base);
        boolean resolve = data.consumeBoolean();
        boolean remerkle = data.consumeBoolean();
        try {
            Block b = Block.deserialize(bytes);
            if (remerkle) {
                BlockHeader h = b.header();
                b = b.withHeader(new BlockHeader(h.version(), h.prevHash(), b.computeMerkleRoot(), h.time(), h.bits(), h.nonce()));
            }
            if (resolve) {
                b = solved(b);
            }
            bytes = b.serialize();
            blocksSent.add(b.hash());
        } catch (DecodingException e) {
            // sent as edited: the node must reject it
        }
        return bytes.length == 0 ? new byte[1] : bytes;
    }

    /** The block with its proof of work found again, or as it is when its bits encode no target or none is found soon. */
    private static Block solved(Block b) {
        try {
            return ProofOfWork.solve(b, MAX_NONCE_TRIES);
        } catch (IllegalArgumentException | IllegalStateException e) {
            return b;
        }
    }

    private byte[] txBytes() {
        byte[] base = switch (data.consumeInt(0, 3)) {
            case 0 -> target.blocks.get(data.consumeInt(0, target.blocks.size() - 1)).transactions().get(0).serialize();
            case 1 -> data.consumeBytes(MAX_RAW_BODY_BYTES);
            default -> target.spends.get(data.consumeInt(0, target.spends.size() - 1)).serialize();
        };
        byte[] bytes = edit(base);
        return bytes.length == 0 ? new byte[1] : bytes;
    }

    /** Up to {@link #MAX_BYTE_EDITS} bytes overwritten at positions the fuzzer picks. */
    private byte[] edit(byte[] base) {
        byte[] b = base.clone();
        int edits = data.consumeInt(0, MAX_BYTE_EDITS);
        for (int i = 0; i < edits && b.length > 0; i++) {
            b[data.consumeInt(0, b.length - 1)] = data.consumeByte();
        }
        return b;
    }

    private List<PeerMessages.NetAddress> addresses() {
        int n = count(PeerMessages.MAX_ADDR_SZ);
        List<PeerMessages.NetAddress> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new PeerMessages.NetAddress(host(), data.consumeInt(1, 65_535), data.consumeLong(0, Long.MAX_VALUE)));
        }
        return out;
    }

    private String host() {
        return switch (data.consumeInt(0, 3)) {
            case 0 -> "127.0.0.1";
            case 1 -> "10." + data.consumeInt(0, 255) + "." + data.consumeInt(0, 255) + "." + data.consumeInt(0, 255);
            case 2 -> "::1";
            default -> data.consumeString(Message.MAX_HOST_LENGTH);
        };
    }

    // ------------------------------------------------------------------ mangled and raw bodies

    /** The message's JSON with up to three values (found by a path the fuzzer picks) replaced by others. */
    private byte[] mangle(JsonElement root) {
        int edits = data.consumeInt(1, 3);
        for (int i = 0; i < edits; i++) {
            replaceSomewhere(root);
        }
        return root.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void replaceSomewhere(JsonElement at) {
        while (true) {
            if (at.isJsonObject()) {
                JsonObject o = at.getAsJsonObject();
                List<String> keys = new ArrayList<>(o.keySet());
                if (keys.isEmpty() || data.consumeInt(0, 7) == 0) {
                    o.add(data.consumeAsciiString(16), value());
                    return;
                }
                String k = keys.get(data.consumeInt(0, keys.size() - 1));
                JsonElement v = o.get(k);
                if ((v.isJsonObject() || v.isJsonArray()) && data.consumeBoolean()) {
                    at = v;
                    continue;
                }
                if (data.consumeInt(0, 7) == 0) {
                    o.remove(k);
                } else {
                    o.add(k, value());
                }
                return;
            }
            if (at.isJsonArray()) {
                JsonArray a = at.getAsJsonArray();
                if (a.isEmpty()) {
                    a.add(value());
                    return;
                }
                int i = data.consumeInt(0, a.size() - 1);
                JsonElement v = a.get(i);
                if ((v.isJsonObject() || v.isJsonArray()) && data.consumeBoolean()) {
                    at = v;
                    continue;
                }
                a.set(i, value());
                return;
            }
            return;
        }
    }

    private JsonElement value() {
        return switch (data.consumeInt(0, 7)) {
            case 0 -> JsonNull.INSTANCE;
            case 1 -> new JsonPrimitive(data.consumeBoolean());
            case 2 -> new JsonPrimitive(data.consumeLong());
            case 3 -> new JsonPrimitive(data.consumeDouble());
            case 4 -> new JsonPrimitive(new BigInteger(1, data.consumeBytes(24)));
            case 5 -> new JsonArray();
            case 6 -> new JsonObject();
            default -> new JsonPrimitive(data.consumeString(128));
        };
    }

    /** A body that starts as the type's JSON object and goes on with the fuzzer's bytes, or is only those. */
    private byte[] rawBody(String type) {
        byte[] tail = data.consumeBytes(data.consumeInt(0, MAX_RAW_BODY_BYTES));
        byte[] head = data.consumeBoolean() ? ("{\"type\":\"" + type + "\",").getBytes(StandardCharsets.UTF_8) : new byte[0];
        byte[] body = new byte[head.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(tail, 0, body, head.length, tail.length);
        return body;
    }
}
