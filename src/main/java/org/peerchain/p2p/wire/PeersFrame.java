package org.peerchain.p2p.wire;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A {@code peers} frame assembled from entries encoded once: a tracker answers thousands of requests
 * a second from the same registered peers, so it keeps each peer's entry as bytes and only joins them.
 * The bytes are exactly those of {@link WireCodec#encode} of the same {@link Message.Peers}.
 */
public final class PeersFrame {
    private static final byte[] HEAD = ("{\"type\":\"" + Message.Peers.TYPE + "\",\"peers\":[").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TAIL = "]}".getBytes(StandardCharsets.US_ASCII);
    private static final byte SEPARATOR = ',';

    private PeersFrame() {
    }

    /**
     * One entry of the {@code peers} array, as JSON bytes (Gson's escaping, the same keys in the same order). Written
     * directly when the host and node id need no escaping (printable ASCII, no quote or backslash: every address and id
     * the tracker records), else by Gson's writer; a tracker encodes one for each announce that changes a height.
     */
    public static byte[] entry(Message.PeerAddress p) {
        if (!plain(p.host()) || !plain(p.nodeId())) {
            return escapedEntry(p);
        }
        StringBuilder b = new StringBuilder(48 + p.host().length() + p.nodeId().length());
        b.append("{\"host\":\"").append(p.host()).append("\",\"port\":").append(p.port())
                .append(",\"nodeId\":\"").append(p.nodeId()).append("\",\"height\":").append(p.height()).append('}');
        return b.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** Whether JSON writes {@code s} as it is: printable ASCII without a quote or a backslash. */
    private static boolean plain(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    private static byte[] escapedEntry(Message.PeerAddress p) {
        StringWriter s = new StringWriter(128);
        try (JsonWriter w = new JsonWriter(s)) {
            w.beginObject();
            w.name("host").value(p.host());
            w.name("port").value(p.port());
            w.name("nodeId").value(p.nodeId());
            w.name("height").value(p.height());
            w.endObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The body length of a frame holding {@code entries}. */
    public static int bodyLength(byte[][] entries) {
        int n = HEAD.length + TAIL.length + Math.max(0, entries.length - 1);
        for (byte[] e : entries) {
            n += e.length;
        }
        return n;
    }

    /**
     * Writes the whole frame (length prefix and body) to {@code out}, without flushing.
     *
     * @throws IllegalArgumentException more entries or bytes than a {@code peers} message may hold
     */
    public static void write(OutputStream out, byte[][] entries) throws IOException {
        if (entries.length > Message.MAX_PEERS_PER_MESSAGE) {
            throw new IllegalArgumentException(entries.length + " peers is over the limit of " + Message.MAX_PEERS_PER_MESSAGE);
        }
        int length = bodyLength(entries);
        if (length > WireLimits.MAX_PEERS_MESSAGE_BYTES) {
            throw new IllegalArgumentException("peers: " + length + " bytes is over the limit of " + WireLimits.MAX_PEERS_MESSAGE_BYTES);
        }
        out.write(length >>> 24);
        out.write(length >>> 16);
        out.write(length >>> 8);
        out.write(length);
        out.write(HEAD);
        for (int i = 0; i < entries.length; i++) {
            if (i > 0) {
                out.write(SEPARATOR);
            }
            out.write(entries[i]);
        }
        out.write(TAIL);
    }
}
