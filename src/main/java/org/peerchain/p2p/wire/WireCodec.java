package org.peerchain.p2p.wire;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.MalformedJsonException;
import java.io.EOFException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The steps of reading a frame, in the order the limits demand, shared by the blocking
 * {@link FrameReader} and the incremental {@link FrameDecoder}: check the length against the frame
 * limit; read the {@code type} from the body's first bytes with a streaming reader; check the length
 * against that type's limit; only then parse the body.
 */
public final class WireCodec {
    private WireCodec() {
    }

    /** Encodes {@code m} as one frame: the 4-byte big-endian length, then the JSON with {@code type} first. */
    public static byte[] encode(Message m) {
        if (m instanceof Message.Unknown || m instanceof Message.Skipped) {
            throw new IllegalArgumentException("an unknown or skipped message cannot be sent");
        }
        if (m instanceof PeerMessages.BlockMessage b) {
            return hexDataFrame(b.type(), BLOCK_HEAD, b.data());
        }
        if (m instanceof PeerMessages.TxMessage t) {
            return hexDataFrame(t.type(), TX_HEAD, t.data());
        }
        JsonObject o = new JsonObject();
        o.addProperty("type", m.type());
        m.writeFields(o);
        byte[] body = o.toString().getBytes(StandardCharsets.UTF_8);
        if (body.length > WireLimits.MAX_FRAME_BYTES) {
            throw new IllegalArgumentException(m.type() + ": " + body.length + " bytes is over the frame limit");
        }
        return ByteBuffer.allocate(WireLimits.LENGTH_PREFIX_BYTES + body.length).putInt(body.length).put(body).array();
    }

    private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    /** How a {@code block} or {@code tx} body begins as we write it; one reading it this way takes the short path. */
    private static final byte[] BLOCK_HEAD = hexDataHead(PeerMessages.BlockMessage.TYPE);
    private static final byte[] TX_HEAD = hexDataHead(PeerMessages.TxMessage.TYPE);

    private static byte[] hexDataHead(String type) {
        return ("{\"type\":\"" + type + "\",\"data\":\"").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * {@code {"type":TYPE,"data":HEX}} written straight into the frame, byte for byte what the general path gives
     * (hex digits need no escaping): a block is the largest thing a node sends, and going through a JSON tree,
     * a string and its UTF-8 copy cost a syncing node's source several copies of it.
     */
    private static byte[] hexDataFrame(String type, byte[] head, byte[] data) {
        int bodyLength = head.length + data.length * 2 + 2;
        if (bodyLength > WireLimits.MAX_FRAME_BYTES) {
            throw new IllegalArgumentException(type + ": " + bodyLength + " bytes is over the frame limit");
        }
        byte[] frame = new byte[WireLimits.LENGTH_PREFIX_BYTES + bodyLength];
        ByteBuffer.wrap(frame).putInt(bodyLength);
        int at = WireLimits.LENGTH_PREFIX_BYTES;
        System.arraycopy(head, 0, frame, at, head.length);
        at += head.length;
        for (byte b : data) {
            frame[at++] = HEX_DIGITS[(b >> 4) & 0xf];
            frame[at++] = HEX_DIGITS[b & 0xf];
        }
        frame[at++] = '"';
        frame[at] = '}';
        return frame;
    }

    /** Step 1: the announced body length, checked before a byte of the body is read. */
    public static void checkLength(int length, MessageCatalog catalog) throws FrameException {
        if (length == 0) {
            throw new FrameException(FrameException.EMPTY_FRAME, "frame has an empty body");
        }
        if (length < 0 || length > catalog.maxFrameBytes()) {
            throw new FrameException(FrameException.FRAME_TOO_LARGE, "frame of " + Integer.toUnsignedString(length)
                    + " bytes is over the limit of " + catalog.maxFrameBytes());
        }
    }

    /** How many bytes of a body of {@code length} bytes {@link #peekType} needs. */
    public static int peekBytes(int length) {
        return Math.min(length, WireLimits.TYPE_PEEK_BYTES);
    }

    /** Step 2: the value of the body's first key, which must be {@code "type"}. */
    public static String peekType(byte[] prefix, int prefixLength, int bodyLength) throws FrameException {
        String plain = plainType(prefix, prefixLength);
        if (plain != null) {
            return plain;
        }
        JsonReader r = new JsonReader(utf8(prefix, prefixLength));
        try {
            JsonToken first = r.peek();
            if (first != JsonToken.BEGIN_OBJECT) {
                throw new FrameException(FrameException.NOT_AN_OBJECT, "frame body is not a JSON object (starts with " + first + ")");
            }
            r.beginObject();
            if (r.peek() != JsonToken.NAME) {
                throw new FrameException(FrameException.TYPE_NOT_FIRST, "frame body has no \"type\" key");
            }
            String name = r.nextName();
            if (!"type".equals(name)) {
                throw new FrameException(FrameException.TYPE_NOT_FIRST, "first key of a frame must be \"type\", not \""
                        + abbreviate(name) + "\"");
            }
            if (r.peek() != JsonToken.STRING) {
                throw new FrameException(FrameException.BAD_FIELD, "\"type\" must be a string");
            }
            String type = r.nextString();
            if (type.isEmpty() || type.length() > WireLimits.MAX_TYPE_LENGTH) {
                throw new FrameException(FrameException.BAD_FIELD, "\"type\" must be 1-" + WireLimits.MAX_TYPE_LENGTH + " characters");
            }
            return type;
        } catch (FrameException e) {
            throw e;
        } catch (EOFException e) {
            String where = prefixLength < bodyLength ? "within the first " + WireLimits.TYPE_PEEK_BYTES + " bytes" : "before the body ends";
            throw new FrameException(FrameException.TYPE_NOT_FIRST, "frame body has no complete \"type\" key " + where, e);
        } catch (MalformedJsonException | IllegalStateException | NumberFormatException e) {
            throw new FrameException(FrameException.BAD_JSON, "frame body is not valid JSON: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new FrameException(FrameException.BAD_JSON, "frame body is not valid JSON: " + e.getMessage(), e);
        }
    }

    private static final byte[] TYPE_KEY = "\"type\"".getBytes(StandardCharsets.US_ASCII);

    /**
     * The type of a body that begins in the plain way, {@code {"type":"name"}, with JSON whitespace anywhere between
     * the tokens and a name of printable ASCII without escapes, 1 to {@link WireLimits#MAX_TYPE_LENGTH} characters;
     * null for anything else, which the JSON reader then judges (with the same answer for what it accepts and the
     * error for what it does not). Every frame is peeked: this spares each a reader and its buffers.
     */
    private static String plainType(byte[] b, int length) {
        int i = skipWhitespace(b, 0, length);
        if (i >= length || b[i] != '{') {
            return null;
        }
        i = skipWhitespace(b, i + 1, length);
        if (i + TYPE_KEY.length > length || !java.util.Arrays.equals(b, i, i + TYPE_KEY.length, TYPE_KEY, 0, TYPE_KEY.length)) {
            return null;
        }
        i = skipWhitespace(b, i + TYPE_KEY.length, length);
        if (i >= length || b[i] != ':') {
            return null;
        }
        i = skipWhitespace(b, i + 1, length);
        if (i >= length || b[i] != '"') {
            return null;
        }
        int start = ++i;
        while (i < length && b[i] != '"') {
            if (b[i] < 0x20 || b[i] > 0x7e || b[i] == '\\') {
                return null;
            }
            i++;
        }
        if (i >= length || i == start || i - start > WireLimits.MAX_TYPE_LENGTH) {
            return null;
        }
        return new String(b, start, i - start, StandardCharsets.US_ASCII);
    }

    private static int skipWhitespace(byte[] b, int i, int length) {
        while (i < length && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r')) {
            i++;
        }
        return i;
    }

    /**
     * Step 3: the kind for {@code type}, with the length checked against its limit; empty for a type
     * this catalog does not know (callers then skip the body), unless the catalog refuses other types.
     */
    public static Optional<MessageKind> checkType(String type, int length, MessageCatalog catalog) throws FrameException {
        Optional<MessageKind> kind = catalog.kind(type);
        if (kind.isEmpty() && catalog.othersRefused().isPresent()) {
            MessageCatalog.Refusal r = catalog.othersRefused().get();
            throw new FrameException(r.code(), "\"" + abbreviate(type) + "\" frame of " + length + " bytes refused unread: "
                    + r.reason());
        }
        if (kind.isPresent() && length > kind.get().maxFrameBytes()) {
            throw new FrameException(FrameException.MESSAGE_TOO_LARGE, "\"" + type + "\" frame of " + length
                    + " bytes is over its limit of " + kind.get().maxFrameBytes());
        }
        return kind;
    }

    /** Step 4: the whole body parsed and decoded. */
    public static Message decodeBody(MessageKind kind, byte[] body) throws FrameException {
        Message fast = decodeHexData(kind.type(), body);
        if (fast != null) {
            return fast;
        }
        JsonElement e;
        try {
            JsonReader r = new JsonReader(utf8(body, body.length));
            e = JsonParser.parseReader(r);
            if (r.peek() != JsonToken.END_DOCUMENT) {
                throw new FrameException(FrameException.BAD_JSON, "frame body has data after its JSON object");
            }
        } catch (JsonParseException | IOException | IllegalStateException ex) {
            if (ex instanceof FrameException fe) {
                throw fe;
            }
            if (ex.getCause() instanceof OutOfMemoryError oom) {
                // Gson wraps the node's own failure as a parse error: it is never the peer's misbehaviour
                throw oom;
            }
            String why = ex.getCause() != null ? ex.getCause().getMessage() : ex.getMessage();
            throw new FrameException(FrameException.BAD_JSON, "\"" + kind.type() + "\" frame body is not valid JSON: " + why, ex);
        }
        if (!e.isJsonObject()) {
            throw new FrameException(FrameException.NOT_AN_OBJECT, "frame body is not a JSON object");
        }
        return kind.decoder().decode(e.getAsJsonObject(), kind.type());
    }

    /**
     * A {@code block} or {@code tx} body exactly as {@link #hexDataFrame} writes it, decoded straight from its bytes;
     * null for anything else (another type, another layout, a bad digit, a size out of bounds), which the general
     * path then decodes or refuses with the reason. A syncing node's reader spent most of its time building a JSON
     * tree and two copies of each block's hex.
     */
    private static Message decodeHexData(String type, byte[] body) {
        boolean block = type.equals(PeerMessages.BlockMessage.TYPE);
        if (!block && !type.equals(PeerMessages.TxMessage.TYPE)) {
            return null;
        }
        byte[] head = block ? BLOCK_HEAD : TX_HEAD;
        int maxBytes = block ? PeerMessages.MAX_BLOCK_BYTES : PeerMessages.MAX_TX_BYTES;
        int digits = body.length - head.length - 2;
        if (digits <= 0 || (digits & 1) != 0 || digits > maxBytes * 2
                || !java.util.Arrays.equals(body, 0, head.length, head, 0, head.length)
                || body[body.length - 2] != '"' || body[body.length - 1] != '}') {
            return null;
        }
        byte[] data = new byte[digits / 2];
        for (int i = 0, at = head.length; i < data.length; i++, at += 2) {
            int hi = PeerMessages.nibble(body[at]);
            int lo = PeerMessages.nibble(body[at + 1]);
            if ((hi | lo) < 0) {
                return null;
            }
            data[i] = (byte) (hi << 4 | lo);
        }
        return block ? new PeerMessages.BlockMessage(data) : new PeerMessages.TxMessage(data);
    }

    /**
     * A reader of the first {@code length} bytes as UTF-8; malformed sequences become U+FFFD, as with an
     * InputStreamReader, but without its 8 KB buffer per frame.
     */
    private static StringReader utf8(byte[] bytes, int length) {
        return new StringReader(new String(bytes, 0, length, StandardCharsets.UTF_8));
    }

    private static String abbreviate(String s) {
        String t = s.length() > 32 ? s.substring(0, 32) + "..." : s;
        StringWriter w = new StringWriter();
        t.chars().forEach(c -> w.write(c < 0x20 ? '?' : c));
        return w.toString();
    }
}
