package org.peerchain.p2p;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.ThreadLocalRandom;
import org.peerchain.p2p.wire.FrameReader;
import org.peerchain.p2p.wire.FrameWriter;
import org.peerchain.p2p.wire.Message;
import org.peerchain.p2p.wire.PeerMessages;

/**
 * A peer on a real socket that completes the handshake with a node and then sends whatever frames it is
 * given. After them it sends a ping and reads until the matching pong: the node handles one peer's messages
 * in order on one thread, so the pong proves every frame before it was handled. It answers the node's pings
 * and ignores everything else the node sends.
 */
final class FuzzScriptedPeer implements AutoCloseable {
    /** What a round trip found. */
    enum Outcome { ANSWERED, DISCONNECTED }

    private final String networkId;
    private final int port;
    private final int roundTripBoundMillis;
    private Socket socket;
    private OutputStream out;
    private FrameReader in;
    private FrameWriter writer;

    FuzzScriptedPeer(String networkId, int port, int roundTripBoundMillis) {
        this.networkId = networkId;
        this.port = port;
        this.roundTripBoundMillis = roundTripBoundMillis;
    }

    boolean isConnected() {
        return socket != null;
    }

    /** Opens a connection and completes the handshake; fails (an IOException) when the node refuses it. */
    void connect() throws IOException {
        close();
        Socket s = new Socket("127.0.0.1", port);
        try {
            s.setTcpNoDelay(true);
            s.setSoTimeout(roundTripBoundMillis);
            FrameWriter w = new FrameWriter(s.getOutputStream());
            FrameReader r = new FrameReader(s.getInputStream(), PeerMessages.catalog());
            RawHandshake.run(r, w, NodeIdentity.fresh(networkId));
            socket = s;
            out = s.getOutputStream();
            in = r;
            writer = w;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /**
     * Sends {@code frames} (each a length prefix and a body) and then a ping, and waits for its pong.
     * DISCONNECTED when the node closed the connection (the frames may have been partly handled); an
     * IOException when the connection is open but no pong came within the bound.
     */
    Outcome sendAndRoundTrip(byte[][] frames) throws IOException {
        long nonce = ThreadLocalRandom.current().nextLong();
        try {
            for (byte[] f : frames) {
                out.write(f);
            }
            writer.write(new Message.Ping(nonce));
        } catch (IOException e) {
            close();
            return Outcome.DISCONNECTED;
        }
        long deadline = System.nanoTime() + roundTripBoundMillis * 1_000_000L;
        while (true) {
            Message m;
            try {
                m = in.read();
            } catch (SocketTimeoutException e) {
                close();
                throw new IOException("the node did not answer a ping within " + roundTripBoundMillis
                        + " ms after the fuzzed frames, and kept the connection open");
            } catch (EOFException e) {
                close();
                return Outcome.DISCONNECTED;
            } catch (IOException e) {
                // a reset, or the node's error frame cut short by the close
                close();
                return Outcome.DISCONNECTED;
            }
            if (m == null) {
                close();
                return Outcome.DISCONNECTED;
            }
            if (m instanceof Message.Pong p && p.nonce() == nonce) {
                return Outcome.ANSWERED;
            }
            if (m instanceof Message.Ping p) {
                try {
                    writer.write(new Message.Pong(p.nonce()));
                } catch (IOException e) {
                    close();
                    return Outcome.DISCONNECTED;
                }
            }
            if (System.nanoTime() > deadline) {
                close();
                throw new IOException("the node kept talking but did not answer a ping within " + roundTripBoundMillis + " ms");
            }
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            socket = null;
        }
    }
}
