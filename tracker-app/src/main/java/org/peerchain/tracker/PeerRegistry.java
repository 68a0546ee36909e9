package org.peerchain.tracker;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
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
import org.peerchain.p2p.wire.Message;
import org.peerchain.p2p.wire.PeersFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live registry: every peer in memory, the served ones indexed per network in an array (for
 * O(sample) random samples), all indexed by address (for the per-address cap and bans) and counted per IPv6 /64
 * (for its cap); at most {@link #MAX_REGISTRATIONS} in all; changes are
 * written behind to SQLite in batches by the thread {@code tracker-registry-writer}. One lock guards it all; listeners hear each change in order.
 */
public final class PeerRegistry implements AutoCloseable {
    /** The most peers one {@code peers} answer holds. */
    public static final int MAX_SAMPLE = 50;
    /** How often pending changes are written to SQLite. */
    public static final long WRITE_BEHIND_MILLIS = 250;
    /**
     * A network with more served peers than this is answered from its {@link SampleWindow}: fifty consecutive entries,
     * from a random place, of a random ordering of its served peers made at most {@link #WINDOW_REFRESH_MILLIS} ago.
     * Each peer is as likely as any to be in an answer, an answer costs one copy of contiguous bytes instead of fifty
     * reads scattered over the heap, and a change reaches the answers within a second. A smaller network is sampled
     * exactly, at once.
     */
    public static final int WINDOWED_ABOVE = 1_000;
    /** How old a sample window may grow while its network changes. */
    public static final long WINDOW_REFRESH_MILLIS = 1_000;

    private static final Logger log = LoggerFactory.getLogger(PeerRegistry.class);

    /**
     * Registrations one IPv6 /64 may hold, whatever the per-address cap says. A /64 is one site (a home network or
     * one server), as an IPv4 address behind NAT is; it gets four addresses' worth of the per-address default (8),
     * while the per-address cap alone would let one /64 (2^64 addresses) register without end.
     */
    public static final int MAX_PEERS_PER_IPV6_64 = 32;
    /**
     * Registrations the tracker holds in all: twice the 100,000 of its benchmark ({@code peerchain bench tracker}),
     * about 110 MB of heap at the 530 bytes a registration measured (a little more once its {@code peers} entry is
     * cached). Beyond it, a flood of addresses cannot grow the tracker's memory or its liveness sweeps.
     */
    public static final int MAX_REGISTRATIONS = 200_000;

    /** The result of an announce. */
    public enum AnnounceOutcome { ADDED, UPDATED, BANNED, TOO_MANY_FROM_ADDRESS, TOO_MANY_FROM_IPV6_64, REGISTRY_FULL }

    private final RegistryStore store;
    private final LongSupplier clock;
    private final Map<PeerKey, Entry> peers = new HashMap<>();
    private final Map<String, ServedIndex> servedByNetwork = new HashMap<>();
    private final Map<String, Set<PeerKey>> byAddress = new HashMap<>();
    /** Registrations per IPv6 /64 ({@link #ipv6Slash64}), for {@link #MAX_PEERS_PER_IPV6_64}. */
    private final Map<String, Integer> perIpv6Slash64 = new HashMap<>();
    private final Map<String, String> bans = new LinkedHashMap<>();
    private final List<RegistryListener> listeners = new CopyOnWriteArrayList<>();
    private Map<PeerKey, PeerRecord> pending = new LinkedHashMap<>();
    private final Thread writer;
    private volatile boolean closed;

    /**
     * A registered peer: its current record, its place in its network's {@link ServedIndex} (-1 while
     * failing), and its entry of a {@code peers} answer, encoded once and reused until it changes.
     */
    private static final class Entry {
        PeerRecord record;
        int servedAt = -1;
        /** Volatile: a sample window is made from it off the lock. */
        volatile byte[] wire;

        Entry(PeerRecord record) {
            this.record = record;
        }

        byte[] wire() {
            if (wire == null) {
                PeerKey k = record.key();
                wire = PeersFrame.entry(new Message.PeerAddress(k.address(), k.port(), record.nodeId(), record.height()));
            }
            return wire;
        }
    }

    /**
     * The served peers of one network in an array, so that a random sample costs O(sample) with no
     * lookups and no copies, whatever the number of peers; removal swaps the last entry into the hole.
     */
    private static final class ServedIndex {
        private static final int INITIAL_CAPACITY = 16;
        Entry[] entries = new Entry[INITIAL_CAPACITY];
        int size;
        /** The window answers are cut from (null: the network is sampled exactly); replaced whole, never changed. */
        SampleWindow window;
        /** Whether a served peer was added, removed or re-encoded since the window was made. */
        boolean changed = true;
        long windowMadeNanos;

        void add(Entry e) {
            changed = true;
            if (size == entries.length) {
                entries = Arrays.copyOf(entries, size * 2);
            }
            e.servedAt = size;
            entries[size++] = e;
        }

        void remove(Entry e) {
            int at = e.servedAt;
            if (at < 0) {
                return;
            }
            changed = true;
            Entry last = entries[--size];
            entries[size] = null;
            if (at < size) {
                entries[at] = last;
                last.servedAt = at;
            }
            e.servedAt = -1;
            if (entries.length > INITIAL_CAPACITY && size < entries.length / 4) {
                entries = Arrays.copyOf(entries, entries.length / 2);
            }
        }
    }

    /**
     * The served peers of a large network in a random order, their answer entries joined by commas into one buffer:
     * entry {@code i} is {@code joined[starts[i] .. starts[i + 1] - 1)}. Made off the lock from a copy of the index.
     */
    private static final class SampleWindow {
        final Entry[] order;
        final byte[] joined;
        final int[] starts;

        SampleWindow(Entry[] order) {
            ThreadLocalRandom rnd = ThreadLocalRandom.current();
            for (int i = order.length - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                Entry t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            byte[][] wires = new byte[order.length][];
            int length = Math.max(0, order.length - 1);
            for (int i = 0; i < order.length; i++) {
                byte[] w = order[i].wire;
                if (w == null) {
                    PeerRecord r = order[i].record;
                    w = PeersFrame.entry(new Message.PeerAddress(r.key().address(), r.key().port(), r.nodeId(), r.height()));
                }
                wires[i] = w;
                length += w.length;
            }
            this.order = order;
            this.joined = new byte[length];
            this.starts = new int[order.length + 1];
            int at = 0;
            for (int i = 0; i < order.length; i++) {
                starts[i] = at;
                System.arraycopy(wires[i], 0, joined, at, wires[i].length);
                at += wires[i].length;
                if (i < order.length - 1) {
                    joined[at++] = ',';
                }
            }
            starts[order.length] = at + 1;
        }

        /**
         * Up to {@code max} consecutive entries from a random place, wrapping round, without {@code exclude}; as runs
         * of the joined buffer (at most three: the wrap and the excluded entry each split one).
         */
        PeersFrame.Entries cut(Entry exclude, int max) {
            int n = order.length;
            int k = Math.min(max, n - (exclude != null && exclude.servedAt >= 0 ? 1 : 0));
            if (k <= 0) {
                return PeersFrame.Entries.of(new byte[0][]);
            }
            int[] from = new int[3];
            int[] to = new int[3];
            int runs = 0;
            int taken = 0;
            int p = ThreadLocalRandom.current().nextInt(n);
            int runStart = -1;
            int last = -1;
            for (int walked = 0; walked < n && taken < k; walked++, p = (p + 1) % n) {
                if (order[p] == exclude) {
                    if (runStart >= 0) {
                        from[runs] = starts[runStart];
                        to[runs++] = starts[p] - 1;
                        runStart = -1;
                    }
                    continue;
                }
                if (runStart < 0) {
                    runStart = p;
                }
                taken++;
                last = p;
                if (p == n - 1 || taken == k) {
                    from[runs] = starts[runStart];
                    to[runs++] = starts[p + 1] - 1;
                    runStart = -1;
                }
            }
            if (runStart >= 0) {
                from[runs] = starts[runStart];
                to[runs++] = starts[last + 1] - 1;
            }
            return PeersFrame.Entries.runs(joined, java.util.Arrays.copyOf(from, runs), java.util.Arrays.copyOf(to, runs),
                    taken);
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
        initial.accept(snapshot());
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
        Entry old = peers.get(key);
        if (old != null) {
            change(old, old.record.announced(nodeId, protocolVersion, height, now));
            return AnnounceOutcome.UPDATED;
        }
        // The caps bind new registrations only: a peer already registered re-announces (above) whatever the counts.
        Set<PeerKey> same = byAddress.get(key.address());
        if (same != null && same.size() >= maxPeersPerAddress) {
            return AnnounceOutcome.TOO_MANY_FROM_ADDRESS;
        }
        String slash64 = ipv6Slash64(key.address());
        if (slash64 != null && perIpv6Slash64.getOrDefault(slash64, 0) >= MAX_PEERS_PER_IPV6_64) {
            return AnnounceOutcome.TOO_MANY_FROM_IPV6_64;
        }
        if (peers.size() >= MAX_REGISTRATIONS) {
            return AnnounceOutcome.REGISTRY_FULL;
        }
        PeerRecord p = new PeerRecord(key, nodeId, protocolVersion, height, now, now, PeerRecord.NO_RTT, 0, PeerState.NEW);
        insert(p);
        markDirty(p.key(), p);
        listeners.forEach(l -> l.peerUpdated(p));
        return AnnounceOutcome.ADDED;
    }

    /** What {@link #announceAndSample} did, and the answer's entries when the peer is registered. */
    public record Announced(AnnounceOutcome outcome, PeersFrame.Entries sample) {
    }

    /**
     * {@link #announce}, then, when the peer is registered (added or updated), {@link #sampleEncoded} for it, under one
     * hold of the lock: a tracker's connections take it once per announce instead of twice.
     */
    public synchronized Announced announceAndSample(PeerKey key, String nodeId, int protocolVersion, long height,
                                                    int maxPeersPerAddress, int max) {
        AnnounceOutcome outcome = announce(key, nodeId, protocolVersion, height, maxPeersPerAddress);
        boolean registered = outcome == AnnounceOutcome.ADDED || outcome == AnnounceOutcome.UPDATED;
        return new Announced(outcome, registered ? sampleEntries(key.network(), key, max) : null);
    }

    /** The node id registered at {@code key}, or null. */
    public synchronized String registeredNodeId(PeerKey key) {
        Entry e = peers.get(key);
        return e == null ? null : e.record.nodeId();
    }

    /**
     * The IPv6 /64 an observed address belongs to, as {@code 2001:db8:0:1::/64}; null for an IPv4 address (an
     * IPv4-mapped IPv6 address included). The address is a literal as the tracker records it, so nothing is looked up.
     */
    static String ipv6Slash64(String address) {
        if (address.indexOf(':') < 0) {
            return null;
        }
        int scope = address.indexOf('%');
        InetAddress parsed;
        try {
            parsed = InetAddress.getByName(scope < 0 ? address : address.substring(0, scope));
        } catch (UnknownHostException e) {
            return null;
        }
        if (!(parsed instanceof Inet6Address)) {
            return null;
        }
        byte[] b = parsed.getAddress();
        StringBuilder prefix = new StringBuilder();
        for (int group = 0; group < 4; group++) {
            prefix.append(Integer.toHexString(((b[2 * group] & 0xff) << 8) | (b[2 * group + 1] & 0xff))).append(':');
        }
        return prefix.append(":/64").toString();
    }

    /** Up to {@code max} peers of {@code network} that are served (not failing), never {@code exclude}, in random order. */
    public synchronized List<PeerRecord> sample(String network, PeerKey exclude, int max) {
        Entry[] picked = pick(network, exclude, max);
        List<PeerRecord> out = new ArrayList<>(picked.length);
        for (Entry e : picked) {
            out.add(e.record);
        }
        return out;
    }

    /**
     * An answer's entries for {@code network}, never {@code exclude}: cut from the network's sample window when it has
     * one ({@link #WINDOWED_ABOVE}), else {@link #sampleEncoded}.
     */
    public synchronized PeersFrame.Entries sampleEntries(String network, PeerKey exclude, int max) {
        ServedIndex idx = servedByNetwork.get(network);
        if (idx != null && idx.window != null && max > 0) {
            return idx.window.cut(exclude == null ? null : peers.get(exclude), max);
        }
        return PeersFrame.Entries.of(sampleEncoded(network, exclude, max));
    }

    /**
     * Makes a sample window for each network over {@link #WINDOWED_ABOVE} served peers whose window is missing, or
     * older than {@link #WINDOW_REFRESH_MILLIS} with changes since; drops the windows of smaller networks. The index is
     * copied under the lock, the window made outside it. Runs on the write-behind thread (tests call it).
     */
    void refreshWindows() {
        refreshWindows(WINDOW_REFRESH_MILLIS * 1_000_000);
    }

    /** The same, with windows made again once {@code minAgeNanos} old (tests: 0). */
    void refreshWindows(long minAgeNanos) {
        long now = System.nanoTime();
        List<ServedIndex> due = new ArrayList<>();
        List<Entry[]> copies = new ArrayList<>();
        synchronized (this) {
            for (ServedIndex idx : servedByNetwork.values()) {
                if (idx.size <= WINDOWED_ABOVE) {
                    idx.window = null;
                    idx.changed = true;
                } else if (idx.window == null
                        || (idx.changed && now - idx.windowMadeNanos >= minAgeNanos)) {
                    due.add(idx);
                    copies.add(Arrays.copyOf(idx.entries, idx.size));
                    idx.changed = false;
                    idx.windowMadeNanos = now;
                }
            }
        }
        for (int i = 0; i < due.size(); i++) {
            SampleWindow w = new SampleWindow(copies.get(i));
            synchronized (this) {
                due.get(i).window = w;
            }
        }
    }

    /** The same sample as {@link #sample}, as the entries of a {@code peers} frame ({@link PeersFrame#entry}). */
    synchronized byte[][] sampleEncoded(String network, PeerKey exclude, int max) {
        Entry[] picked = pick(network, exclude, max);
        byte[][] out = new byte[picked.length][];
        for (int i = 0; i < picked.length; i++) {
            out[i] = picked[i].wire();
        }
        return out;
    }

    /**
     * A uniform random sample without replacement from the served index, skipping {@code exclude}'s slot:
     * Floyd's algorithm picks {@code k} distinct positions in O(k^2) steps (k is at most 50) whatever the
     * index size, then a shuffle makes their order random too.
     */
    private Entry[] pick(String network, PeerKey exclude, int max) {
        ServedIndex idx = servedByNetwork.get(network);
        if (idx == null || max <= 0) {
            return new Entry[0];
        }
        Entry ex = exclude == null ? null : peers.get(exclude);
        int skip = ex != null && exclude.network().equals(network) ? ex.servedAt : -1;
        int available = idx.size - (skip >= 0 ? 1 : 0);
        int k = Math.min(max, available);
        if (k <= 0) {
            return new Entry[0];
        }
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        int[] chosen = new int[k];
        int count = 0;
        for (int j = available - k; j < available; j++) {
            int t = rnd.nextInt(j + 1);
            chosen[count] = contains(chosen, count, t) ? j : t;
            count++;
        }
        Entry[] out = new Entry[k];
        for (int i = k - 1; i >= 0; i--) {
            int swap = rnd.nextInt(i + 1);
            int at = chosen[swap];
            chosen[swap] = chosen[i];
            out[i] = idx.entries[skip >= 0 && at >= skip ? at + 1 : at];
        }
        return out;
    }

    private static boolean contains(int[] a, int n, int v) {
        for (int i = 0; i < n; i++) {
            if (a[i] == v) {
                return true;
            }
        }
        return false;
    }

    /** Removes a peer; false if it was not registered. */
    public synchronized boolean remove(PeerKey key, RemovalReason reason) {
        Entry e = peers.get(key);
        if (e == null) {
            return false;
        }
        delete(e, reason);
        return true;
    }

    /** Removes a peer that asks to leave, if the node id matches the registered one. */
    public synchronized boolean leave(PeerKey key, String nodeId) {
        Entry e = peers.get(key);
        if (e == null || !e.record.nodeId().equals(nodeId)) {
            return false;
        }
        delete(e, RemovalReason.LEAVE);
        return true;
    }

    /**
     * Records a successful ping and the height the peer gave in that handshake (newer than its last announce);
     * false if the peer is gone meanwhile.
     */
    public synchronized boolean pingSucceeded(PeerKey key, long rttMicros, long height) {
        Entry e = peers.get(key);
        if (e == null) {
            return false;
        }
        change(e, e.record.pingSucceeded(rttMicros, height));
        return true;
    }

    /** Records a failed ping; the peer is deleted when this makes {@code maxFailures} in a row. True if deleted. */
    public synchronized boolean pingFailed(PeerKey key, int maxFailures) {
        Entry e = peers.get(key);
        if (e == null) {
            return false;
        }
        PeerRecord failed = e.record.pingFailed();
        if (failed.failures() >= maxFailures) {
            delete(e, RemovalReason.PING_FAILED);
            return true;
        }
        change(e, failed);
        return false;
    }

    /** Deletes peers whose last announce is older than {@code cutoff} (epoch ms); returns how many. */
    public synchronized int expireOlderThan(long cutoff) {
        List<Entry> old = new ArrayList<>();
        for (Entry e : peers.values()) {
            if (e.record.lastSeen() < cutoff) {
                old.add(e);
            }
        }
        old.forEach(e -> delete(e, RemovalReason.EXPIRED));
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
        List<PeerRecord> out = new ArrayList<>(peers.size());
        for (Entry e : peers.values()) {
            out.add(e.record);
        }
        return out;
    }

    public synchronized java.util.Optional<PeerRecord> snapshotOf(PeerKey key) {
        Entry e = peers.get(key);
        return java.util.Optional.ofNullable(e == null ? null : e.record);
    }

    /** The registered peers from {@code address} (any network, any port). */
    public synchronized List<PeerKey> keysOf(String address) {
        return new ArrayList<>(byAddress.getOrDefault(address, Set.of()));
    }

    public synchronized int size() {
        return peers.size();
    }

    public synchronized Map<PeerState, Integer> countByState() {
        Map<PeerState, Integer> out = new EnumMap<>(PeerState.class);
        for (PeerState s : PeerState.values()) {
            out.put(s, 0);
        }
        peers.values().forEach(e -> out.merge(e.record.state(), 1, Integer::sum));
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
        Entry e = new Entry(p);
        peers.put(p.key(), e);
        if (p.state().isServed()) {
            servedByNetwork.computeIfAbsent(p.key().network(), k -> new ServedIndex()).add(e);
        }
        byAddress.computeIfAbsent(p.key().address(), k -> new HashSet<>()).add(p.key());
        String slash64 = ipv6Slash64(p.key().address());
        if (slash64 != null) {
            perIpv6Slash64.merge(slash64, 1, Integer::sum);
        }
    }

    private void change(Entry e, PeerRecord p) {
        PeerRecord was = e.record;
        e.record = p;
        if (!p.nodeId().equals(was.nodeId()) || p.height() != was.height()) {
            // encoded now, while the announce's fields are in the cache, rather than when a sample next meets it cold
            e.wire = null;
            if (p.state().isServed()) {
                e.wire();
                ServedIndex idx = servedByNetwork.get(p.key().network());
                if (idx != null) {
                    idx.changed = true;
                }
            }
        }
        if (was.state().isServed() != p.state().isServed()) {
            if (p.state().isServed()) {
                servedByNetwork.computeIfAbsent(p.key().network(), k -> new ServedIndex()).add(e);
            } else {
                unserve(e);
            }
        }
        markDirty(p.key(), p);
        listeners.forEach(l -> l.peerUpdated(p));
    }

    private void unserve(Entry e) {
        String network = e.record.key().network();
        ServedIndex idx = servedByNetwork.get(network);
        if (idx != null) {
            idx.remove(e);
            if (idx.size == 0) {
                servedByNetwork.remove(network);
            }
        }
    }

    private void delete(Entry e, RemovalReason reason) {
        PeerRecord p = e.record;
        PeerKey k = p.key();
        peers.remove(k);
        unserve(e);
        Set<PeerKey> same = byAddress.get(k.address());
        if (same != null) {
            same.remove(k);
            if (same.isEmpty()) {
                byAddress.remove(k.address());
            }
        }
        String slash64 = ipv6Slash64(k.address());
        if (slash64 != null) {
            perIpv6Slash64.computeIfPresent(slash64, (net, n) -> n <= 1 ? null : n - 1);
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
            refreshWindows();
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
