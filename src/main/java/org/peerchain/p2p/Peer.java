package org.peerchain.p2p;

import java.io.BufferedOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.peerchain.core.Hash;
import org.peerchain.p2p.wire.Message;
import org.peerchain.p2p.wire.PeerMessages;
import org.peerchain.p2p.wire.WireCodec;

/**
 * One connection whose handshake is complete. Frames to send go through a bounded queue to the peer's
 * own writer thread, so that relaying never blocks on a slow peer (a peer whose queue overflows is
 * dropped). The reader side is run by {@link PeerNetwork} on the connection's thread.
 */
final class Peer {
    /** Bytes of frames waiting to be written above which the peer is dropped (it does not read). */
    static final long MAX_SEND_QUEUE_BYTES = 16L * 1024 * 1024;
    /**
     * Above this many bytes waiting to be written the peer's own requests wait (Bitcoin Core's paused send): a peer
     * must read what it asked for before it may ask for more, so a peer that never reads costs about this much.
     */
    static final long SEND_PAUSE_BYTES = 1024L * 1024;
    private static final long SEND_ROOM_POLL_MILLIS = 5;
    /**
     * Hashes remembered per peer for "it has this already" (the seen-filters), in rolling Bloom filters of fixed size
     * at one wrong answer in a million, as Bitcoin Core's {@code m_tx_inventory_known_filter}. Core keeps 50,000
     * transactions (540 KB a peer); this network relays far fewer, and 20,000 (215 KB) covers hours of its traffic.
     * Blocks: 10,000 (108 KB), five headers messages' worth, enough for relay; what a peer saw longer ago it is only
     * told again. A wrong "it has this" costs one announcement not sent.
     */
    static final int KNOWN_BLOCKS = 10_000;
    static final int KNOWN_TXS = 20_000;
    static final double KNOWN_FALSE_POSITIVE_RATE = 0.000_001;
    /**
     * Blocks a peer said {@code notfound} for that we had asked it for. Only requests in flight are noted, so this
     * grows with what we ask, not with what it sends.
     */
    static final int MAX_LACKS = 1_000;
    /** Announcements a peer may have outstanding with us at once (Bitcoin Core's MAX_PEER_TX_ANNOUNCEMENTS). */
    static final int INV_BURST = 5_000;
    /**
     * Announcements a second after the burst: far above what this network's relay sends (one inventory per accepted
     * transaction or block), low enough that a flood costs the node a few milliseconds a second per peer.
     */
    static final double INV_PER_SECOND = 100;
    /** Bytes of an inventory item on the wire, at the least: {@code {"kind":"tx","hash":"<64 hex digits>"},}. */
    static final int INV_ITEM_MIN_BYTES = 88;
    /** Bitcoin Core's MAX_ADDR_PROCESSING_TOKEN_BUCKET and MAX_ADDR_RATE_PER_SECOND. */
    static final int ADDR_BURST = 1_000;
    static final double ADDR_PER_SECOND = 0.1;
    /** Transactions asked of one peer at once (Bitcoin Core's MAX_PEER_TX_REQUEST_IN_FLIGHT). */
    static final int MAX_TX_REQUESTS_IN_FLIGHT = 100;
    private static final byte[] CLOSE = new byte[0];
    private static final int WRITE_BUFFER_BYTES = 64 * 1024;
    /** At most this much unread input is discarded, for at most this long, before a socket closes. */
    private static final long MAX_DRAIN_BYTES = 1024 * 1024;
    private static final long DRAIN_MILLIS = 200;

    final long id;
    final Socket socket;
    final boolean inbound;
    final Message.Version version;
    /** Where the peer listens (observed address, announced port), or null when it takes no connections. */
    final HostPort listenAddress;
    final String remoteHost;
    final long connectedAt;
    final PeerOrigin origin;

    final RollingBloomFilter knownBlocks = new RollingBloomFilter(KNOWN_BLOCKS, KNOWN_FALSE_POSITIVE_RATE);
    final RollingBloomFilter knownTxs = new RollingBloomFilter(KNOWN_TXS, KNOWN_FALSE_POSITIVE_RATE);
    /** Blocks this peer answered {@code notfound} for: never asked of it again. */
    final KnownSet<Hash> lacks = new KnownSet<>(MAX_LACKS);
    /**
     * Inventory items a peer may announce: a burst of {@link #INV_BURST}, then {@link #INV_PER_SECOND} a second. Items
     * over it are dropped unread, before they cost a filter update, a lookup or a request. Reader thread only.
     */
    final TokenBucket invBudget = TokenBucket.perSecond(INV_BURST, INV_PER_SECOND, System.nanoTime());
    /** Transactions asked of this peer and not yet delivered, refused or timed out. */
    final AtomicInteger txRequestsInFlight = new AtomicInteger();
    /** Announced items dropped over {@link #invBudget}, for the log. */
    final AtomicLong invItemsDropped = new AtomicLong();
    /** Gossiped addresses a peer may send: Bitcoin Core's bucket of 1,000 refilled at 0.1 a second. Reader thread only. */
    final TokenBucket addrBudget = TokenBucket.perSecond(ADDR_BURST, ADDR_PER_SECOND, System.nanoTime());
    /** Gossiped addresses dropped over {@link #addrBudget}, for the log. */
    final AtomicLong addrDropped = new AtomicLong();
    /** Frames skipped unread because the peer was over its allowance for their type. */
    final AtomicLong framesSkipped = new AtomicLong();
    final AtomicInteger misbehaviour = new AtomicInteger();
    final AtomicInteger blocksInFlight = new AtomicInteger();
    final AtomicLong unknownMessages = new AtomicLong();
    /** The highest header this peer has shown us (version height at first). */
    volatile long bestKnownHeight;
    /**
     * The highest block it announced by inventory that we know the height of, or that its own requests show it has:
     * the newest block of ours its getheaders locator names, the blocks we sent it. Shown to the user only: the
     * download relies on {@link #bestKnownHeight}, which only headers and blocks raise.
     */
    volatile long announcedHeight;
    volatile long syncedBlocks = -1;
    /** When the connection was made ({@link System#nanoTime}), for the eviction's "longest connected". */
    final long connectedNanos = System.nanoTime();
    /** When the peer last sent a block that extended our chain, and a transaction that entered our mempool (0: never). */
    volatile long lastNewBlockNanos;
    /** The address dialed for an outbound connection, as the connection keeper names it (null: inbound). */
    volatile HostPort dialedAs;
    volatile long lastNewTxNanos;
    /** When the peer last delivered a block we asked for, or when we first asked: the stall clock. */
    volatile long lastDeliveryNanos;
    volatile long pingNonce;
    volatile long pingSentNanos;
    volatile long lastPingNanos;
    volatile double pingMillis = -1;
    volatile long lastSend;
    volatile long lastReceive;
    volatile int unconnectingHeaders;
    /** When we last asked this peer for headers and have not had an answer that connects (0: nothing asked). */
    volatile long headersRequestedNanos;
    /** A getheaders was held back while one was outstanding: ask once the answer has come. */
    volatile boolean headersWanted;
    final AtomicBoolean answeredGetAddr = new AtomicBoolean();
    /** The peer's low-work header branch being counted, not stored; null when none. Reader thread only. */
    HeaderPresync presync;
    /** It has headers beyond those we stored (we stopped at the lead limit): ask again when blocks catch up. */
    volatile boolean moreHeaders;
    /** It was asked once for the headers beyond ours as the sync peer. */
    volatile boolean askedForHeaders;
    /** Flood accounting, reader thread only: unrequested messages that brought nothing, in the current window. */
    long floodWindowStart = System.nanoTime();
    int redundantMessages;
    int unknownInWindow;

    private final AtomicLong bytesSent = new AtomicLong();
    private final AtomicLong bytesReceived = new AtomicLong();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final BlockingQueue<byte[]> sendQueue = new LinkedBlockingQueue<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile String closeReason;
    private final Thread writer;
    private final BiConsumer<Peer, String> onWriteFailure;
    private final NetworkTraffic traffic;

    /**
     * Whether a frame is worth decoding (reader thread): an inventory only when the peer's allowance covers as many
     * items as its length can hold, an address message while any allowance is left; so a peer over its allowance costs
     * the node a read, not a parse.
     */
    boolean admit(String type, int frameBytes) {
        if (PeerMessages.Inv.TYPE.equals(type)) {
            int items = Math.max(1, Math.min(INV_BURST, frameBytes / INV_ITEM_MIN_BYTES));
            return invBudget.hasTokens(items, System.nanoTime());
        }
        if (PeerMessages.Addr.TYPE.equals(type)) {
            // an address message is read while any allowance is left (Core's rule); what is over it is dropped then
            return addrBudget.hasToken(System.nanoTime());
        }
        return true;
    }

    Peer(long id, Socket socket, PeerOrigin origin, Message.Version version, NetworkTraffic traffic,
         BiConsumer<Peer, String> onWriteFailure) {
        this.id = id;
        this.socket = socket;
        this.origin = origin;
        this.inbound = origin == PeerOrigin.INBOUND;
        this.version = version;
        this.traffic = traffic;
        this.remoteHost = socket.getInetAddress().getHostAddress();
        this.listenAddress = version.port() > 0 ? new HostPort(remoteHost, version.port()) : null;
        this.connectedAt = System.currentTimeMillis() / 1000;
        this.bestKnownHeight = version.height();
        this.lastDeliveryNanos = System.nanoTime();
        this.onWriteFailure = onWriteFailure;
        this.writer = new Thread(this::writeLoop, "peer-" + id + "-write");
        writer.setDaemon(true);
    }

    void startWriter() {
        writer.start();
    }

    String address() {
        return socket.getInetAddress().getHostAddress() + ":" + socket.getPort();
    }

    boolean isClosed() {
        return closed.get();
    }

    String closeReason() {
        return closeReason;
    }

    /** Queues {@code m}; false (and the peer is dropped) when its queue is over the limit. */
    boolean send(Message m) {
        if (closed.get()) {
            return false;
        }
        byte[] frame = WireCodec.encode(m);
        if (queuedBytes.addAndGet(frame.length) > MAX_SEND_QUEUE_BYTES) {
            onWriteFailure.accept(this, "send queue over " + MAX_SEND_QUEUE_BYTES + " bytes: the peer does not read");
            return false;
        }
        sendQueue.add(frame);
        return true;
    }

    /** Waits until its queued frames are under {@link #SEND_PAUSE_BYTES}; false when that takes over {@code timeout}. */
    boolean awaitSendRoom(java.time.Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (queuedBytes.get() > SEND_PAUSE_BYTES && !closed.get()) {
            if (System.nanoTime() > end) {
                return false;
            }
            try {
                Thread.sleep(SEND_ROOM_POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /**
     * Marks the peer closed; frames already queued and then {@code last} (if not null, an error frame saying
     * why) are still written before the socket closes. True the first time only.
     */
    boolean close(String reason, Message last) {
        if (!closed.compareAndSet(false, true)) {
            return false;
        }
        closeReason = reason;
        if (last != null) {
            sendQueue.add(WireCodec.encode(last));
        }
        sendQueue.add(CLOSE);
        if (!writer.isAlive()) {
            closeSocket();
        }
        return true;
    }

    /** Waits (bounded) until the writer has sent what was queued before the close, so the error frame goes out. */
    void awaitWriter(long millis) {
        try {
            writer.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void closeSocket() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    private void writeLoop() {
        try (OutputStream out = new BufferedOutputStream(socket.getOutputStream(), WRITE_BUFFER_BYTES)) {
            while (true) {
                byte[] f = sendQueue.poll(1, TimeUnit.SECONDS);
                if (f == null) {
                    if (closed.get() && sendQueue.isEmpty()) {
                        break;
                    }
                    continue;
                }
                if (f == CLOSE) {
                    out.flush();
                    drainBeforeClose();
                    break;
                }
                out.write(f);
                queuedBytes.addAndGet(-f.length);
                bytesSent.addAndGet(f.length);
                traffic.sent.addAndGet(f.length);
                lastSend = System.currentTimeMillis() / 1000;
                if (sendQueue.isEmpty()) {
                    out.flush();
                }
            }
        } catch (IOException e) {
            if (!closed.get()) {
                onWriteFailure.accept(this, "write failed: " + e.getMessage());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeSocket();
        }
    }

    /**
     * Half-closes and discards what the peer already sent (bounded), so that the close is a clean FIN: closing a
     * socket with unread input sends a reset, and the peer may then lose the error frame that says why.
     */
    private void drainBeforeClose() {
        try {
            socket.shutdownOutput();
            socket.setSoTimeout((int) DRAIN_MILLIS);
            InputStream in = socket.getInputStream();
            byte[] buf = new byte[8192];
            long end = System.nanoTime() + DRAIN_MILLIS * 1_000_000;
            for (long left = MAX_DRAIN_BYTES; left > 0 && System.nanoTime() < end; ) {
                int n = in.read(buf);
                if (n < 0) {
                    break;
                }
                left -= n;
            }
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /** The socket's input, counting what is read. */
    InputStream countingInput(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    bytesReceived.incrementAndGet();
                    traffic.received.incrementAndGet();
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    bytesReceived.addAndGet(n);
                    traffic.received.addAndGet(n);
                }
                return n;
            }
        };
    }

    /** The entry with the most work this peer has shown us it has (by headers or a block), or null. */
    volatile org.peerchain.chain.BlockIndexEntry bestKnown;
    /** {@link BlockDownload}'s cache: the highest height of its path that is an ancestor of {@link #bestKnown}. */
    org.peerchain.chain.BlockIndexEntry reachBest;
    Object reachTarget;
    int reachHeight = -1;

    void noteBest(org.peerchain.chain.BlockIndexEntry e) {
        org.peerchain.chain.BlockIndexEntry b = bestKnown;
        if (b == null || e.chainWork().compareTo(b.chainWork()) > 0) {
            bestKnown = e;
        }
        noteHeight(e.height());
    }

    /** Raises the height shown for this peer (see {@link #announcedHeight}). */
    void noteShownHeight(long height) {
        if (height > announcedHeight) {
            announcedHeight = height;
        }
    }

    void noteHeight(long height) {
        if (height > bestKnownHeight) {
            bestKnownHeight = height;
        }
    }

    PeerInfo info() {
        return new PeerInfo(id, address(), inbound, version.protocolVersion(), version.nodeId(), version.port(),
                version.height(), bestKnownHeight, syncedBlocks, pingMillis, bytesSent.get(), bytesReceived.get(),
                misbehaviour.get(), connectedAt, lastSend, lastReceive, origin, Math.max(bestKnownHeight, announcedHeight));
    }

    @Override
    public String toString() {
        return "peer " + id + " (" + address() + (inbound ? ", inbound" : ", outbound") + ")";
    }
}
