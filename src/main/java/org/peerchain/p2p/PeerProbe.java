package org.peerchain.p2p;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.peerchain.p2p.wire.FrameReader;
import org.peerchain.p2p.wire.FrameWriter;
import org.peerchain.p2p.wire.Message;
import org.peerchain.p2p.wire.MessageCatalog;

/**
 * One liveness check of a peer through its own listen port: connect, handshake ({@code version},
 * {@code version}+{@code verack}, {@code verack}), {@code ping}, {@code pong}, close. The tracker uses it to decide
 * who is alive and to follow each peer's best height between its announces (five minutes apart) at the pace of its
 * sweeps. The gossip a live node sends before its {@code pong} (a miner announces every block it finds, and asks
 * for headers once the handshake is done) is passed over: it is no failure. Neither is a node refusing the connection as
 * {@code already-connected} after proving its id: it still holds the tracker's previous probe (it has not yet read that
 * connection's reset), and it answered; the round trip is then the handshake's.
 */
public final class PeerProbe {
    /**
     * Frames a peer may send between our {@code ping} and its {@code pong}: a regtest miner announces every block it
     * finds meanwhile, thousands a second. More than this, or no {@code pong} within the timeout, is no liveness answer.
     */
    public static final int MAX_FRAMES_BEFORE_PONG = 4_096;

    /** What a probe saw: the ping's round trip, the peer's height and its node id (proved in the handshake). */
    public record Answer(long rttNanos, long height, String nodeId) {
    }

    private PeerProbe() {
    }

    /** Why a probe failed, in words; the tracker counts it as a failed ping. */
    public static final class ProbeFailure extends IOException {
        public ProbeFailure(String message) {
            super(message);
        }

        public ProbeFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Probes {@code target}, introducing itself as {@code us} (port 0: it takes no connections).
     *
     * @param timeout bound on the connect and on each read
     * @return the round trip of the ping and the peer's height
     */
    public static Answer probe(InetSocketAddress target, NodeIdentity us, Duration timeout) throws ProbeFailure {
        int millis = (int) Math.max(1, timeout.toMillis());
        try (Socket s = new Socket()) {
            s.setTcpNoDelay(true);
            s.setSoLinger(true, 0);
            s.connect(target, millis);
            s.setSoTimeout(millis);
            FrameReader in = new FrameReader(s.getInputStream(), MessageCatalog.standard());
            FrameWriter out = new FrameWriter(s.getOutputStream());
            String challenge = NodeKey.challenge();
            long versionSent = System.nanoTime();
            out.write(us.version(0, challenge));
            Message.Version theirs = expectVersion(in.read(), us);
            long handshakeRtt = System.nanoTime() - versionSent;
            Message.Verack ack = expect(in.read(), Message.Verack.class, "verack");
            String unproven = us.checkProof(theirs, challenge, ack);
            if (unproven != null) {
                out.tryWrite(new Message.Error(HandshakeRejection.BAD_PROOF, unproven));
                throw new ProbeFailure("the peer did not prove its node id: " + unproven);
            }
            out.write(us.verackFor(theirs));
            long nonce = ThreadLocalRandom.current().nextLong();
            long start = System.nanoTime();
            out.write(new Message.Ping(nonce));
            Message.Pong pong = awaitPong(in, start + timeout.toNanos(), millis);
            long rtt = System.nanoTime() - start;
            if (pong == null) {
                return new Answer(handshakeRtt, theirs.height(), theirs.nodeId());
            }
            if (pong.nonce() != nonce) {
                throw new ProbeFailure("pong carries nonce " + pong.nonce() + ", not the ping's " + nonce);
            }
            return new Answer(rtt, theirs.height(), theirs.nodeId());
        } catch (ProbeFailure e) {
            throw e;
        } catch (IOException e) {
            throw new ProbeFailure(describe(e), e);
        }
    }

    private static Message.Version expectVersion(Message m, NodeIdentity us) throws ProbeFailure {
        Message.Version v = expect(m, Message.Version.class, "version");
        if (!v.network().equals(us.networkId())) {
            throw new ProbeFailure("peer is on network \"" + v.network() + "\", not \"" + us.networkId() + "\"");
        }
        return v;
    }

    /**
     * Reads up to the {@code pong}, passing over the gossip a live node sends meanwhile (block {@code inv}s ...); null
     * when the node refused this connection as a second one from us.
     */
    private static Message.Pong awaitPong(FrameReader in, long deadlineNanos, int timeoutMillis) throws IOException {
        for (int frames = 0; frames < MAX_FRAMES_BEFORE_PONG; frames++) {
            if (System.nanoTime() - deadlineNanos > 0) {
                throw new ProbeFailure("no \"pong\" within " + timeoutMillis + " ms of the ping (" + frames
                        + " other frames came)");
            }
            Message m = in.read();
            if (m instanceof Message.Pong pong) {
                return pong;
            }
            if (m instanceof Message.Error e && HandshakeRejection.ALREADY_CONNECTED.equals(e.code())) {
                return null;
            }
            if (m == null || m instanceof Message.Error) {
                expect(m, Message.Pong.class, "pong");
            }
        }
        throw new ProbeFailure("no \"pong\" among the peer's first " + MAX_FRAMES_BEFORE_PONG + " frames after the ping");
    }

    private static <T extends Message> T expect(Message m, Class<T> type, String name) throws ProbeFailure {
        if (m == null) {
            throw new ProbeFailure("peer closed the connection before \"" + name + "\"");
        }
        if (m instanceof Message.Error e) {
            throw new ProbeFailure("peer refused: " + PeerText.safe(e.code()) + ": " + PeerText.safe(e.message()));
        }
        if (!type.isInstance(m)) {
            throw new ProbeFailure("expected \"" + name + "\", got \"" + m.type() + "\"");
        }
        return type.cast(m);
    }

    private static String describe(IOException e) {
        String what = e.getClass().getSimpleName();
        return e.getMessage() == null ? what : what + ": " + e.getMessage();
    }
}
