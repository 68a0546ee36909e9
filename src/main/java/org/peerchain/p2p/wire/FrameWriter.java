package org.peerchain.p2p.wire;

import java.io.IOException;
import java.io.OutputStream;

/** Writes whole frames to a blocking stream; safe to share between threads (one frame at a time). */
public final class FrameWriter {
    private final OutputStream out;

    public FrameWriter(OutputStream out) {
        this.out = out;
    }

    public synchronized void write(Message m) throws IOException {
        out.write(WireCodec.encode(m));
        out.flush();
    }

    /**
     * Writes a frame without flushing: a server answering pipelined requests over a buffered stream
     * appends each answer and flushes once it has no more requests at hand.
     */
    public synchronized void append(Message m) throws IOException {
        out.write(WireCodec.encode(m));
    }

    /**
     * Appends a {@code peers} frame from pre-encoded entries, or runs of them in a larger buffer ({@link PeersFrame}),
     * without flushing.
     */
    public synchronized void appendPeers(PeersFrame.Entries entries) throws IOException {
        PeersFrame.write(out, entries);
    }

    public synchronized void flush() throws IOException {
        out.flush();
    }

    /** Sends an error frame, ignoring a failure: used just before closing a connection. */
    public void tryWrite(Message m) {
        try {
            write(m);
        } catch (IOException ignored) {
            // the connection is being closed for a reason already decided
        }
    }
}
