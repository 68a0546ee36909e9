package org.peerchain.p2p;

import java.io.IOException;
import org.peerchain.p2p.wire.FrameReader;
import org.peerchain.p2p.wire.FrameWriter;
import org.peerchain.p2p.wire.Message;

/** The outbound side of a handshake over raw frames, as a test's hand-written peer runs it, proof of its key included. */
final class RawHandshake {
    private RawHandshake() {
    }

    /** Runs the handshake as {@code me} (listening nowhere) and returns the node's {@code version}. */
    static Message.Version run(FrameReader in, FrameWriter out, NodeIdentity me) throws IOException {
        out.write(me.version(0, NodeKey.challenge()));
        Message first = in.read();
        if (!(first instanceof Message.Version theirs)) {
            throw new IOException("the node answered the handshake with " + first);
        }
        Message second = in.read();
        if (!(second instanceof Message.Verack)) {
            throw new IOException("the node sent " + second + " instead of verack");
        }
        out.write(me.verackFor(theirs));
        return theirs;
    }
}
