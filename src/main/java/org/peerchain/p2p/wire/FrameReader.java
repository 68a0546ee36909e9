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

    public FrameReader(InputStream in, MessageCatalog catalog) {
        this(in, catalog, () -> { });
    }

    /**
     * @param onFrameStart runs once the first byte of a frame has arrived; a server uses it to switch
     *                     from its idle timeout to its (shorter) read timeout for the rest of the frame
     */
    public FrameReader(InputStream in, MessageCatalog catalog, Runnable onFrameStart) {
        this.in = new DataInputStream(in);
        this.catalog = catalog;
        this.onFrameStart = onFrameStart;
    }

    /**
     * The next message, or {@code null} at a clean end of stream (between frames).
     *
     * @throws FrameException a frame that breaks a rule, or a stream that ends inside a frame
     * @throws IOException    the socket failed or timed out
     */
    public Message read() throws IOException {
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
        byte[] body = new byte[length];
        System.arraycopy(prefix, 0, body, 0, peek);
        readFully(body, peek, length - peek, "frame body");
        return WireCodec.decodeBody(kind.get(), body);
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
