package org.peerchain.p2p.wire;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Reads frames from a blocking stream, one at a time, with the limits checked before the bytes they
 * bound are read: an oversized frame is rejected from its length alone. Not thread-safe: one reader
 * per connection.
 */
public final class FrameReader {
    private final DataInputStream in;
    private final MessageCatalog catalog;
    private final Runnable onFrameStart;
    private final DecodeBudget budget;
    private final Admission admission;
    /** Budget held by the last large frame read, until the next read (its message is being handled meanwhile). */
    private int held;

    public FrameReader(InputStream in, MessageCatalog catalog) {
        this(in, catalog, () -> { });
    }

    /**
     * Whether a frame of a known type is worth decoding, asked once its type and length are known and before its body
     * is read: a peer over its allowance for that type has the frame skipped unparsed (a {@link Message.Skipped}).
     */
    @FunctionalInterface
    public interface Admission {
        boolean admit(String type, int frameBytes);
    }

    /**
     * A reader whose large frames share {@code budget} with other connections' readers, and whose frames are decoded
     * only when {@code admission} lets them.
     */
    public FrameReader(InputStream in, MessageCatalog catalog, DecodeBudget budget, Admission admission) {
        this(in, catalog, () -> { }, budget, admission);
    }

    /**
     * @param onFrameStart runs once the first byte of a frame has arrived; a server uses it to switch
     *                     from its idle timeout to its (shorter) read timeout for the rest of the frame
     */
    public FrameReader(InputStream in, MessageCatalog catalog, Runnable onFrameStart) {
        this(in, catalog, onFrameStart, null, (type, length) -> true);
    }

    private FrameReader(InputStream in, MessageCatalog catalog, Runnable onFrameStart, DecodeBudget budget,
                        Admission admission) {
        this.in = new DataInputStream(in);
        this.catalog = catalog;
        this.onFrameStart = onFrameStart;
        this.budget = budget;
        this.admission = admission;
    }

    /**
     * The next message, or {@code null} at a clean end of stream (between frames).
     *
     * @throws FrameException a frame that breaks a rule, or a stream that ends inside a frame
     * @throws IOException    the socket failed or timed out
     */
    public Message read() throws IOException {
        releaseHeld();
        int b0 = in.read();
        if (b0 < 0) {
            return null;
        }
        onFrameStart.run();
        byte[] rest = new byte[WireLimits.LENGTH_PREFIX_BYTES - 1];
        readFully(rest, 0, rest.length, "length prefix");
        int length = (b0 << 24) | ((rest[0] & 0xff) << 16) | ((rest[1] & 0xff) << 8) | (rest[2] & 0xff);
        WireCodec.checkLength(length, catalog);
        int peek = WireCodec.peekBytes(length);
        byte[] prefix = new byte[peek];
        readFully(prefix, 0, peek, "frame body");
        String type = WireCodec.peekType(prefix, peek, length);
        Optional<MessageKind> kind = WireCodec.checkType(type, length, catalog);
        if (kind.isEmpty()) {
            skipFully(length - peek);
            return new Message.Unknown(type, length);
        }
        if (!admission.admit(type, length)) {
            skipFully(length - peek);
            return new Message.Skipped(type, length);
        }
        if (budget == null) {
            return readBody(kind.get(), prefix, length);
        }
        int cost = budget.cost(length);
        budget.acquire(cost);
        boolean decoded = false;
        try {
            Message m = readBody(kind.get(), prefix, length);
            held = cost;
            decoded = true;
            return m;
        } finally {
            if (!decoded) {
                budget.release(cost);
            }
        }
    }

    /**
     * Gives back the decode budget the last large frame holds: its message has been handled. {@link #read} does this
     * itself before reading the next frame; a connection that ends calls it once more.
     */
    public void releaseHeld() {
        if (budget != null && held > 0) {
            budget.release(held);
            held = 0;
        }
    }

    private Message readBody(MessageKind kind, byte[] prefix, int length) throws IOException {
        byte[] body = new byte[length];
        System.arraycopy(prefix, 0, body, 0, prefix.length);
        readFully(body, prefix.length, length - prefix.length, "frame body");
        return WireCodec.decodeBody(kind, body);
    }

    private void readFully(byte[] b, int off, int len, String what) throws IOException {
        try {
            in.readFully(b, off, len);
        } catch (EOFException e) {
            throw new FrameException(FrameException.TRUNCATED, "stream ended inside the " + what, e);
        }
    }

    private void skipFully(int n) throws IOException {
        byte[] sink = new byte[Math.min(n, 64 * 1024)];
        int left = n;
        while (left > 0) {
            int r = in.read(sink, 0, Math.min(left, sink.length));
            if (r < 0) {
                throw new FrameException(FrameException.TRUNCATED, "stream ended inside the frame body");
            }
            left -= r;
        }
    }
}
