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

    /**
     * The entries of one answer: each encoded on its own ({@link #entry}), or runs of entries already joined by commas
     * in a larger buffer (a tracker's sample window), written without being copied first.
     */
    public static final class Entries {
        private final byte[][] parts;
        private final byte[] source;
        private final int[] from;
        private final int[] to;
        private final int count;

        private Entries(byte[][] parts, byte[] source, int[] from, int[] to, int count) {
            this.parts = parts;
            this.source = source;
            this.from = from;
            this.to = to;
            this.count = count;
        }

        public static Entries of(byte[][] entries) {
            return new Entries(entries, null, null, null, entries.length);
        }

        /**
         * Runs {@code source[from[i] .. to[i])}, each one or more entries joined by commas, holding {@code count}
         * entries in all.
         */
        public static Entries runs(byte[] source, int[] from, int[] to, int count) {
            if (from.length != to.length) {
                throw new IllegalArgumentException("runs need a start and an end each");
            }
            return new Entries(null, source, from, to, count);
        }

        /** How many peers the answer lists. */
        public int count() {
            return count;
        }

        private int parts() {
            return parts != null ? parts.length : from.length;
        }

        private int partLength(int i) {
            return parts != null ? parts[i].length : to[i] - from[i];
        }

        private void writePart(OutputStream out, int i) throws IOException {
            if (parts != null) {
                out.write(parts[i]);
            } else {
                out.write(source, from[i], to[i] - from[i]);
            }
        }

        /** The body length of a frame holding these entries. */
        int bodyLength() {
            int n = HEAD.length + TAIL.length + Math.max(0, parts() - 1);
            for (int i = 0; i < parts(); i++) {
                n += partLength(i);
            }
            return n;
        }
    }

    /** The body length of a frame holding {@code entries}. */
    public static int bodyLength(byte[][] entries) {
        return Entries.of(entries).bodyLength();
    }

    /**
     * Writes the whole frame (length prefix and body) to {@code out}, without flushing.
     *
     * @throws IllegalArgumentException more entries or bytes than a {@code peers} message may hold
     */
    public static void write(OutputStream out, byte[][] entries) throws IOException {
        write(out, Entries.of(entries));
    }

    /** The same for entries given as {@link Entries}. */
    public static void write(OutputStream out, Entries entries) throws IOException {
        if (entries.count() > Message.MAX_PEERS_PER_MESSAGE) {
            throw new IllegalArgumentException(entries.count() + " peers is over the limit of " + Message.MAX_PEERS_PER_MESSAGE);
        }
        int length = entries.bodyLength();
        if (length > WireLimits.MAX_PEERS_MESSAGE_BYTES) {
            throw new IllegalArgumentException("peers: " + length + " bytes is over the limit of " + WireLimits.MAX_PEERS_MESSAGE_BYTES);
        }
        out.write(length >>> 24);
        out.write(length >>> 16);
        out.write(length >>> 8);
        out.write(length);
        out.write(HEAD);
        for (int i = 0; i < entries.parts(); i++) {
            if (i > 0) {
                out.write(SEPARATOR);
            }
            entries.writePart(out, i);
        }
        out.write(TAIL);
    }
}
