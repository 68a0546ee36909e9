package org.peerchain.p2p;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.peerchain.chain.BlockIndexEntry;
import org.peerchain.chain.BlockStatus;
import org.peerchain.core.Hash;
import org.peerchain.p2p.wire.PeerMessages;

/**
 * Downloads the blocks of the best known header chain after headers-first sync: in height order, within a
 * moving window above the tip, spread over every peer that has them, a bounded number in flight per peer.
 * A peer that holds requested blocks and delivers none within the stall timeout is reported so the network
 * drops it; its blocks go back to the pool and are asked of others.
 */
final class BlockDownload {
    /** Blocks beyond the tip that may be requested: the moving window. */
    static final int WINDOW = 1_024;
    static final int MAX_BLOCKS_IN_FLIGHT_PER_PEER = 128;
    /** Rate samples older than this do not count toward blocks per second. */
    static final long RATE_WINDOW_NANOS = 5_000_000_000L;

    /** A block asked of {@code peer}; {@code arrived} once it came and waits to be connected (still in flight). */
    private record Request(Peer peer, long sentNanos, boolean arrived) {
        Request(Peer peer, long sentNanos) {
            this(peer, sentNanos, false);
        }

    }

    private final ChainAccess chain;
    private final Map<Hash, Request> inFlight = new HashMap<>();
    private List<BlockIndexEntry> path = List.of();
    private BlockIndexEntry pathTarget;
    private int cursor;
    private final Deque<long[]> rateSamples = new ArrayDeque<>();
    private boolean syncing;

    BlockDownload(ChainAccess chain) {
        this.chain = chain;
    }

    /** Hands out requests to every peer with room, each as one {@code getdata}. */
    synchronized void requestBlocks(Collection<Peer> peers) {
        BlockIndexEntry target = chain.bestHeader();
        BlockIndexEntry tip = chain.tip();
        if (target.chainWork().compareTo(tip.chainWork()) <= 0) {
            return;
        }
        if (target.height() - tip.height() > PeerNetwork.ANNOUNCE_WHILE_BEHIND_LIMIT) {
            // Noted here, not only by the timer: a sync that ends between two progress reports still gets its
            // final "caught up" report.
            syncing = true;
        }
        if (target != pathTarget) {
            rebuildPath(target);
        }
        while (cursor < path.size() && path.get(cursor).status() == BlockStatus.HAVE_DATA) {
            cursor++;
        }
        if (cursor >= path.size()) {
            return;
        }
        int windowEnd = Math.min(path.size(), cursor + WINDOW);
        long now = System.nanoTime();
        for (Peer p : peers) {
            if (p.isClosed()) {
                continue;
            }
            int room = MAX_BLOCKS_IN_FLIGHT_PER_PEER - p.blocksInFlight.get();
            List<PeerMessages.InvItem> batch = new ArrayList<>();
            for (int i = cursor; i < windowEnd && batch.size() < room; i++) {
                BlockIndexEntry e = path.get(i);
                if (e.status() != BlockStatus.HEADER_ONLY || inFlight.containsKey(e.hash()) || p.lacks.contains(e.hash())
                        || !mayHave(p, e)) {
                    continue;
                }
                inFlight.put(e.hash(), new Request(p, now));
                batch.add(new PeerMessages.InvItem(PeerMessages.InvKind.BLOCK, e.hash()));
            }
            send(p, batch, now);
        }
    }

    /**
     * Whether {@code p} can be expected to have {@code e}: an ancestor of the best block it has shown us, or (before
     * it has shown us any) within the height and work it claimed in its handshake. A peer is not asked for blocks
     * of a branch it never announced.
     */
    private boolean mayHave(Peer p, BlockIndexEntry e) {
        if (e.height() <= reachableHeight(p)) {
            return true;
        }
        return p.bestKnownHeight >= e.height() && p.version.work().compareTo(e.chainWork()) >= 0;
    }

    /** The highest height of the download path that is an ancestor of the peer's best known block; cached. */
    private int reachableHeight(Peer p) {
        BlockIndexEntry b = p.bestKnown;
        if (b == null || path.isEmpty()) {
            return -1;
        }
        if (p.reachBest == b && p.reachTarget == pathTarget) {
            return p.reachHeight;
        }
        int base = path.get(0).height();
        int top = Math.min(b.height(), path.get(path.size() - 1).height());
        int h = -1;
        for (BlockIndexEntry x = b.ancestor(top); x != null && x.height() >= base; x = x.parent()) {
            if (path.get(x.height() - base) == x) {
                h = x.height();
                break;
            }
        }
        p.reachBest = b;
        p.reachTarget = pathTarget;
        p.reachHeight = h;
        return h;
    }

    /**
     * Direct fetch of blocks {@code p} has just announced (a few headers on a branch with more work than our tip):
     * asked of it at once, even when they are not on the path to the best header, so that a header chain nobody
     * serves blocks for cannot hold up the blocks the network is mining.
     */
    synchronized void requestAnnounced(Peer p, List<BlockIndexEntry> announced) {
        List<PeerMessages.InvItem> batch = new ArrayList<>();
        long now = System.nanoTime();
        for (BlockIndexEntry e : announced) {
            if (e.status() != BlockStatus.HEADER_ONLY || inFlight.containsKey(e.hash()) || p.lacks.contains(e.hash())
                    || p.blocksInFlight.get() + batch.size() >= MAX_BLOCKS_IN_FLIGHT_PER_PEER) {
                continue;
            }
            inFlight.put(e.hash(), new Request(p, now));
            batch.add(new PeerMessages.InvItem(PeerMessages.InvKind.BLOCK, e.hash()));
        }
        send(p, batch, now);
    }

    /** Asks {@code p} for the blocks of {@code batch}, if any; its stall clock starts when it had none in flight. */
    private static void send(Peer p, List<PeerMessages.InvItem> batch, long now) {
        if (batch.isEmpty()) {
            return;
        }
        if (p.blocksInFlight.getAndAdd(batch.size()) == 0) {
            p.lastDeliveryNanos = now;
        }
        p.send(new PeerMessages.GetData(batch));
    }

    private void rebuildPath(BlockIndexEntry target) {
        List<BlockIndexEntry> list = new ArrayList<>();
        for (BlockIndexEntry e = target; e != null && !chain.isActive(e); e = e.parent()) {
            list.add(e);
        }
        java.util.Collections.reverse(list);
        path = list;
        pathTarget = target;
        cursor = 0;
    }

    /**
     * The block {@code hash} came from {@code p}: true, and noted, when we asked it of {@code p} and it had not come
     * yet. It stays in flight, so that no one is asked for it, until {@link #delivered} once it is connected.
     */
    synchronized boolean arrived(Peer p, Hash hash) {
        Request r = inFlight.get(hash);
        if (r == null || r.peer() != p || r.arrived()) {
            return false;
        }
        inFlight.put(hash, new Request(p, r.sentNanos(), true));
        return true;
    }

    /** A block arrived from {@code p} and was handled; true when it was one we asked of it. */
    synchronized boolean delivered(Peer p, Hash hash) {
        Request r = inFlight.get(hash);
        if (r == null || r.peer() != p) {
            return false;
        }
        inFlight.remove(hash);
        p.blocksInFlight.decrementAndGet();
        p.lastDeliveryNanos = System.nanoTime();
        return true;
    }

    /** {@code p} cannot serve {@code hash}: ask someone else. */
    synchronized void notFound(Peer p, Hash hash) {
        Request r = inFlight.get(hash);
        if (r != null && r.peer() == p) {
            p.lacks.add(hash);
            inFlight.remove(hash);
            p.blocksInFlight.decrementAndGet();
        }
    }

    /** Returns every block in flight from {@code p} to the pool. */
    synchronized List<Hash> peerGone(Peer p) {
        List<Hash> returned = new ArrayList<>();
        inFlight.entrySet().removeIf(en -> {
            if (en.getValue().peer() == p) {
                returned.add(en.getKey());
                return true;
            }
            return false;
        });
        p.blocksInFlight.set(0);
        return returned;
    }

    /** True when {@code p} holds requested blocks and has delivered none within {@code timeoutNanos}. */
    boolean stalled(Peer p, long now, long timeoutNanos) {
        return p.blocksInFlight.get() > 0 && now - p.lastDeliveryNanos > timeoutNanos;
    }

    synchronized boolean isRequested(Hash hash) {
        return inFlight.containsKey(hash);
    }

    /** The progress now, or null when there is nothing to report (not syncing and was not). */
    synchronized NetworkEvent.SyncProgress progress(int peers) {
        BlockIndexEntry tip = chain.tip();
        BlockIndexEntry best = chain.bestHeader();
        long now = System.nanoTime();
        boolean behind = best.height() > tip.height();
        if (!behind && !syncing) {
            return null;
        }
        syncing = behind;
        rateSamples.addLast(new long[] {now, tip.height()});
        while (rateSamples.size() > 2 && now - rateSamples.peekFirst()[0] > RATE_WINDOW_NANOS) {
            rateSamples.pollFirst();
        }
        long[] first = rateSamples.peekFirst();
        double seconds = (now - first[0]) / 1e9;
        double rate = seconds > 0 ? (tip.height() - first[1]) / seconds : 0;
        long left = behind ? (rate > 0 ? Math.round((best.height() - tip.height()) / rate) : -1) : 0;
        if (!behind) {
            rateSamples.clear();
        }
        return new NetworkEvent.SyncProgress(tip.height(), best.height(), rate, left, peers, behind);
    }
}
