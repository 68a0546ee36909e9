package org.peerchain.tracker;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live registry: every peer in memory, indexed by network (for O(sample) random samples) and by
 * address (for the per-address cap and bans), and written behind to SQLite in batches by the thread
 * {@code tracker-registry-writer}. One lock guards it all; listeners hear each change in order.
 */
public final class PeerRegistry implements AutoCloseable {
    /** The most peers one {@code peers} answer holds. */
    public static final int MAX_SAMPLE = 50;
    /** How often pending changes are written to SQLite. */
    public static final long WRITE_BEHIND_MILLIS = 250;

    private static final Logger log = LoggerFactory.getLogger(PeerRegistry.class);

    /** The result of an announce. */
    public enum AnnounceOutcome { ADDED, UPDATED, BANNED, TOO_MANY_FROM_ADDRESS }

    private final RegistryStore store;
    private final LongSupplier clock;
    private final Map<PeerKey, PeerRecord> peers = new HashMap<>();
    private final Map<String, NetworkIndex> byNetwork = new HashMap<>();
    private final Map<String, Set<PeerKey>> byAddress = new HashMap<>();
    private final Map<String, String> bans = new LinkedHashMap<>();
    private final List<RegistryListener> listeners = new CopyOnWriteArrayList<>();
    private Map<PeerKey, PeerRecord> pending = new LinkedHashMap<>();
    private final Thread writer;
    private volatile boolean closed;

    /** Keys of one network in an array list, so a random sample costs O(sample), not O(peers). */
    private static final class NetworkIndex {
        final List<PeerKey> keys = new ArrayList<>();
        final Map<PeerKey, Integer> positions = new HashMap<>();

        void add(PeerKey k) {
            positions.put(k, keys.size());
            keys.add(k);
        }

        void remove(PeerKey k) {
            Integer at = positions.remove(k);
            if (at == null) {
                return;
            }
            PeerKey last = keys.remove(keys.size() - 1);
            if (at < keys.size()) {
                keys.set(at, last);
                positions.put(last, at);
            }
        }
    }

    PeerRegistry(RegistryStore store, LongSupplier clock) throws SQLException {
        this.store = store;
        this.clock = clock;
        for (PeerRecord p : store.loadPeers()) {
            insert(p);
        }
        bans.putAll(store.loadBans());
        writer = new Thread(this::writeBehindLoop, "tracker-registry-writer");
        writer.setDaemon(true);
        writer.start();
    }

    public void addListener(RegistryListener l) {
        listeners.add(l);
    }

    /** Hands {@code initial} the current peers, then adds {@code l}, with no change lost or seen twice in between. */
    public synchronized void subscribe(RegistryListener l, java.util.function.Consumer<List<PeerRecord>> initial) {
        initial.accept(new ArrayList<>(peers.values()));
        listeners.add(l);
    }

    public void removeListener(RegistryListener l) {
        listeners.remove(l);
    }

    public synchronized AnnounceOutcome announce(PeerKey key, String nodeId, int protocolVersion, long height,
                                                 int maxPeersPerAddress) {
        if (bans.containsKey(key.address())) {
            return AnnounceOutcome.BANNED;
        }
        long now = clock.getAsLong();
        PeerRecord old = peers.get(key);
        if (old != null) {
            change(old.announced(nodeId, protocolVersion, height, now));
            return AnnounceOutcome.UPDATED;
        }
        if (byAddress.getOrDefault(key.address(), Set.of()).size() >= maxPeersPerAddress) {
            return AnnounceOutcome.TOO_MANY_FROM_ADDRESS;
        }
        PeerRecord p = new PeerRecord(key, nodeId, protocolVersion, height, now, now, PeerRecord.NO_RTT, 0, PeerState.NEW);
        insert(p);
        markDirty(p.key(), p);
        listeners.forEach(l -> l.peerUpdated(p));
        return AnnounceOutcome.ADDED;
    }

    /** Up to {@code max} peers of {@code network} that are served (not failing), never {@code exclude}, in random order. */
    public synchronized List<PeerRecord> sample(String network, PeerKey exclude, int max) {
        NetworkIndex idx = byNetwork.get(network);
        if (idx == null || max <= 0) {
            return List.of();
        }
        List<PeerKey> keys = idx.keys;
        int n = keys.size();
        List<PeerRecord> out = new ArrayList<>(Math.min(max, n));
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        if (n <= max * 4) {
            List<PeerKey> all = new ArrayList<>(keys);
            Collections.shuffle(all, rnd);
            for (PeerKey k : all) {
                addIfServed(out, k, exclude);
                if (out.size() == max) {
                    break;
                }
            }
            return out;
        }
        Set<Integer> tried = new HashSet<>();
        int attempts = max * 8;
        while (out.size() < max && attempts-- > 0) {
            int i = rnd.nextInt(n);
            if (tried.add(i)) {
                addIfServed(out, keys.get(i), exclude);
            }
        }
        return out;
    }

    private void addIfServed(List<PeerRecord> out, PeerKey k, PeerKey exclude) {
        PeerRecord p = peers.get(k);
        if (p != null && !k.equals(exclude) && p.state().isServed()) {
            out.add(p);
        }
    }

    /** Removes a peer; false if it was not registered. */
    public synchronized boolean remove(PeerKey key, RemovalReason reason) {
        PeerRecord p = peers.get(key);
        if (p == null) {
            return false;
        }
        delete(p, reason);
        return true;
    }

    /** Removes a peer that asks to leave, if the node id matches the registered one. */
    public synchronized boolean leave(PeerKey key, String nodeId) {
        PeerRecord p = peers.get(key);
        if (p == null || !p.nodeId().equals(nodeId)) {
            return false;
        }
        delete(p, RemovalReason.LEAVE);
        return true;
    }

    /** Records a successful ping; false if the peer is gone meanwhile. */
    public synchronized boolean pingSucceeded(PeerKey key, long rttMicros) {
        PeerRecord p = peers.get(key);
        if (p == null) {
            return false;
        }
        change(p.pingSucceeded(rttMicros));
        return true;
    }

    /** Records a failed ping; the peer is deleted when this makes {@code maxFailures} in a row. True if deleted. */
    public synchronized boolean pingFailed(PeerKey key, int maxFailures) {
        PeerRecord p = peers.get(key);
        if (p == null) {
            return false;
        }
        PeerRecord failed = p.pingFailed();
        if (failed.failures() >= maxFailures) {
            delete(p, RemovalReason.PING_FAILED);
            return true;
        }
        change(failed);
        return false;
    }

    /** Deletes peers whose last announce is older than {@code cutoff} (epoch ms); returns how many. */
    public synchronized int expireOlderThan(long cutoff) {
        List<PeerRecord> old = new ArrayList<>();
        for (PeerRecord p : peers.values()) {
            if (p.lastSeen() < cutoff) {
                old.add(p);
            }
        }
        old.forEach(p -> delete(p, RemovalReason.EXPIRED));
        return old.size();
    }

    /** Bans an address (persisted at once) and deletes its peers; returns how many were deleted. */
    public int ban(String address, String reason) throws SQLException {
        store.saveBan(address, reason, clock.getAsLong());
        synchronized (this) {
            bans.put(address, reason);
            List<PeerKey> keys = new ArrayList<>(byAddress.getOrDefault(address, Set.of()));
            keys.forEach(k -> delete(peers.get(k), RemovalReason.BANNED));
            String line = "banned " + address + (reason.isBlank() ? "" : " (" + reason + ")") + ", removed " + keys.size() + " peer(s)";
            listeners.forEach(l -> l.event(line));
            return keys.size();
        }
    }

    public boolean unban(String address) throws SQLException {
        store.deleteBan(address);
        synchronized (this) {
            boolean was = bans.remove(address) != null;
            if (was) {
                listeners.forEach(l -> l.event("unbanned " + address));
            }
            return was;
        }
    }

    public synchronized boolean isBanned(String address) {
        return bans.containsKey(address);
    }

    public synchronized Map<String, String> bans() {
        return new LinkedHashMap<>(bans);
    }

    public synchronized List<PeerRecord> snapshot() {
        return new ArrayList<>(peers.values());
    }

    public synchronized java.util.Optional<PeerRecord> snapshotOf(PeerKey key) {
        return java.util.Optional.ofNullable(peers.get(key));
    }

    public synchronized int size() {
        return peers.size();
    }

    public synchronized Map<PeerState, Integer> countByState() {
        Map<PeerState, Integer> out = new EnumMap<>(PeerState.class);
        for (PeerState s : PeerState.values()) {
            out.put(s, 0);
        }
        peers.values().forEach(p -> out.merge(p.state(), 1, Integer::sum));
        return out;
    }

    public synchronized int pendingWrites() {
        return pending.size();
    }

    /** Tells listeners something worth a line in the operator's log. */
    void event(String message) {
        listeners.forEach(l -> l.event(message));
    }

    private void insert(PeerRecord p) {
        peers.put(p.key(), p);
        byNetwork.computeIfAbsent(p.key().network(), k -> new NetworkIndex()).add(p.key());
        byAddress.computeIfAbsent(p.key().address(), k -> new HashSet<>()).add(p.key());
    }

    private void change(PeerRecord p) {
        peers.put(p.key(), p);
        markDirty(p.key(), p);
        listeners.forEach(l -> l.peerUpdated(p));
    }

    private void delete(PeerRecord p, RemovalReason reason) {
        PeerKey k = p.key();
        peers.remove(k);
        NetworkIndex idx = byNetwork.get(k.network());
        if (idx != null) {
            idx.remove(k);
            if (idx.keys.isEmpty()) {
                byNetwork.remove(k.network());
            }
        }
        Set<PeerKey> same = byAddress.get(k.address());
        if (same != null) {
            same.remove(k);
            if (same.isEmpty()) {
                byAddress.remove(k.address());
            }
        }
        markDirty(k, null);
        listeners.forEach(l -> l.peerRemoved(p, reason));
    }

    private void markDirty(PeerKey k, PeerRecord p) {
        pending.put(k, p);
    }

    private void writeBehindLoop() {
        while (!closed) {
            try {
                Thread.sleep(WRITE_BEHIND_MILLIS);
            } catch (InterruptedException e) {
                break;
            }
            flush();
        }
    }

    /** Writes all pending changes now. A failed batch is kept and retried, so nothing is lost. */
    public void flush() {
        Map<PeerKey, PeerRecord> batch;
        synchronized (this) {
            if (pending.isEmpty()) {
                return;
            }
            batch = pending;
            pending = new LinkedHashMap<>();
        }
        try {
            store.write(batch.entrySet());
        } catch (SQLException e) {
            log.error("writing {} registry changes failed, will retry: {}", batch.size(), e.getMessage());
            synchronized (this) {
                batch.putAll(pending);
                pending = new LinkedHashMap<>(batch);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        writer.interrupt();
        try {
            writer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
    }
}
