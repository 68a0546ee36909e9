package org.peerchain.tracker.bench;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import org.peerchain.p2p.NodeIdentity;
import org.peerchain.p2p.NodeKey;
import org.peerchain.p2p.wire.FrameDecoder;
import org.peerchain.p2p.wire.FrameException;
import org.peerchain.p2p.wire.Message;
import org.peerchain.p2p.wire.MessageCatalog;
import org.peerchain.p2p.wire.WireCodec;

/**
 * Many loopback "nodes" for the sweep benchmark: each has its own listen port, all share one selector
 * thread, and each answers the tracker's probe as a {@code PeerListener} would (version + verack,
 * then pong). One thread instead of one per node keeps 10,000 peers within a small machine's means.
 */
final class LoopbackPeerFarm implements AutoCloseable {
    private static final int READ_BUFFER_BYTES = 4096;

    private final String network;
    private final Selector selector;
    private final List<ServerSocketChannel> servers = new ArrayList<>();
    private final List<Integer> ports = new ArrayList<>();
    private final java.util.Map<Integer, NodeIdentity> ids = new java.util.HashMap<>();
    private final Thread loop;
    private volatile boolean closed;

    LoopbackPeerFarm(String network, int count) throws IOException {
        this.network = network;
        this.selector = Selector.open();
        InetAddress lo = InetAddress.getLoopbackAddress();
        for (int i = 0; i < count; i++) {
            ServerSocketChannel s = ServerSocketChannel.open();
            s.bind(new InetSocketAddress(lo, 0), 64);
            s.configureBlocking(false);
            NodeIdentity id = NodeIdentity.fresh(network);
            s.register(selector, SelectionKey.OP_ACCEPT, id);
            ids.put(s.socket().getLocalPort(), id);
            servers.add(s);
            ports.add(s.socket().getLocalPort());
        }
        loop = new Thread(this::run, "bench-peer-farm");
        loop.setDaemon(true);
        loop.start();
    }

    List<Integer> ports() {
        return ports;
    }

    /** The node id the fake node on {@code port} proves in its handshakes. */
    String nodeIdAt(int port) {
        return ids.get(port).nodeId();
    }

    private record Conn(FrameDecoder decoder, NodeIdentity identity, int port) {
    }

    private void run() {
        ByteBuffer buf = ByteBuffer.allocate(READ_BUFFER_BYTES);
        while (!closed) {
            try {
                selector.select(200);
            } catch (IOException e) {
                return;
            }
            for (SelectionKey k : selector.selectedKeys()) {
                try {
                    if (k.isAcceptable()) {
                        ServerSocketChannel s = (ServerSocketChannel) k.channel();
                        for (SocketChannel c; (c = s.accept()) != null; ) {
                            c.configureBlocking(false);
                            c.socket().setTcpNoDelay(true);
                            c.register(selector, SelectionKey.OP_READ, new Conn(new FrameDecoder(MessageCatalog.standard()),
                                    (NodeIdentity) k.attachment(), s.socket().getLocalPort()));
                        }
                    } else if (k.isReadable()) {
                        read(k, buf);
                    }
                } catch (IOException | RuntimeException e) {
                    closeKey(k);
                }
            }
            selector.selectedKeys().clear();
        }
    }

    private void read(SelectionKey k, ByteBuffer buf) throws IOException {
        SocketChannel c = (SocketChannel) k.channel();
        Conn conn = (Conn) k.attachment();
        buf.clear();
        int n = c.read(buf);
        if (n < 0) {
            closeKey(k);
            return;
        }
        buf.flip();
        List<Message> msgs;
        try {
            msgs = conn.decoder().feed(buf);
        } catch (FrameException e) {
            closeKey(k);
            return;
        }
        for (Message m : msgs) {
            if (m instanceof Message.Version v) {
                // a real node's answer, proof of its key included: the tracker checks it as it would a node's
                send(c, conn.identity().version(conn.port(), NodeKey.challenge()));
                send(c, conn.identity().verackFor(v));
            } else if (m instanceof Message.Ping p) {
                send(c, new Message.Pong(p.nonce()));
            }
        }
    }

    /** Small frames on a fresh connection always fit the socket's send buffer, so one write suffices. */
    private static void send(SocketChannel c, Message m) throws IOException {
        ByteBuffer out = ByteBuffer.wrap(WireCodec.encode(m));
        while (out.hasRemaining()) {
            if (c.write(out) == 0) {
                Thread.onSpinWait();
            }
        }
    }

    private static void closeKey(SelectionKey k) {
        k.cancel();
        try {
            k.channel().close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        selector.wakeup();
        try {
            loop.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (SelectionKey k : selector.keys()) {
            closeKey(k);
        }
        selector.close();
    }
}
