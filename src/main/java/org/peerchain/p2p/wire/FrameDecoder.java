package org.peerchain.p2p.wire;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The incremental form of {@link FrameReader} for non-blocking sockets: feed it whatever bytes have
 * arrived (single bytes or many frames at once) and take the complete messages. After it has thrown
 * a {@link FrameException} the connection must be closed.
 */
public final class FrameDecoder {
    private final MessageCatalog catalog;
    private final byte[] header = new byte[WireLimits.LENGTH_PREFIX_BYTES];
    private int headerFill;
    private int length = -1;
    private byte[] body;
    private int bodyFill;
    private MessageKind kind;
    private boolean skipping;
    private String unknownType;

    public FrameDecoder(MessageCatalog catalog) {
        this.catalog = catalog;
    }

    /** Consumes all of {@code in} and returns the messages completed by it, in order. */
    public List<Message> feed(ByteBuffer in) throws FrameException {
        List<Message> out = new ArrayList<>(1);
        while (in.hasRemaining()) {
            if (length < 0) {
                int n = Math.min(in.remaining(), header.length - headerFill);
                in.get(header, headerFill, n);
                headerFill += n;
                if (headerFill == header.length) {
                    startBody(ByteBuffer.wrap(header).getInt());
                }
                continue;
            }
            if (skipping) {
                int n = Math.min(in.remaining(), length - bodyFill);
                in.position(in.position() + n);
                bodyFill += n;
            } else {
                int n = Math.min(in.remaining(), body.length - bodyFill);
                in.get(body, bodyFill, n);
                bodyFill += n;
                if (kind == null && bodyFill == body.length) {
                    afterPeek();
                }
            }
            if (bodyFill == length && (skipping || kind != null)) {
                out.add(skipping ? new Message.Unknown(unknownType, length) : WireCodec.decodeBody(kind, body));
                reset();
            }
        }
        return out;
    }

    /** True when no frame is partly received (a clean place for the stream to end). */
    public boolean isBetweenFrames() {
        return length < 0 && headerFill == 0;
    }

    private void startBody(int len) throws FrameException {
        WireCodec.checkLength(len, catalog);
        length = len;
        body = new byte[WireCodec.peekBytes(len)];
        bodyFill = 0;
    }

    private void afterPeek() throws FrameException {
        String type = WireCodec.peekType(body, body.length, length);
        Optional<MessageKind> k = WireCodec.checkType(type, length, catalog);
        if (k.isEmpty()) {
            skipping = true;
            unknownType = type;
            return;
        }
        kind = k.get();
        if (body.length < length) {
            byte[] full = new byte[length];
            System.arraycopy(body, 0, full, 0, bodyFill);
            body = full;
        }
    }

    private void reset() {
        headerFill = 0;
        length = -1;
        body = null;
        bodyFill = 0;
        kind = null;
        skipping = false;
        unknownType = null;
    }
}
