package org.peerchain.tracker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.p2p.wire.Message;
import org.peerchain.p2p.wire.PeersFrame;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PeerRegistryTest {
    private static final String NET = "regtest";
    private static final int NO_CAP = Integer.MAX_VALUE;
    private static final int FAILURES_TO_DELETE = 3;

    @TempDir
    Path dir;
    private RegistryStore store;
    private PeerRegistry registry;

    @BeforeEach
    void open() throws Exception {
        store = new RegistryStore(dir.resolve("registry.db"));
        registry = new PeerRegistry(store, System::currentTimeMillis);
    }

    @AfterEach
    void close() throws Exception {
        registry.close();
        store.close();
    }

    private static PeerKey key(int i) {
        return new PeerKey(NET, "10.0." + (i / 250) + "." + (i % 250), 1000 + i);
    }

    private static String nodeId(int i) {
        return String.format("%032x", i);
    }

    private List<PeerKey> register(int n) {
        List<PeerKey> keys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            registry.announce(key(i), nodeId(i), 1, i, NO_CAP);
            keys.add(key(i));
        }
        return keys;
    }

    private static Set<PeerKey> keysOf(List<PeerRecord> sample) {
        return sample.stream().map(PeerRecord::key).collect(Collectors.toSet());
    }

    @Test
    void aSampleHasNoDuplicatesNeverTheAskerAndNoFailingPeer() {
        List<PeerKey> keys = register(1_000);
        Set<PeerKey> failing = new HashSet<>(keys.subList(0, 300));
        failing.forEach(k -> registry.pingFailed(k, FAILURES_TO_DELETE));
        PeerKey asker = keys.get(500);
        for (int round = 0; round < 500; round++) {
            List<PeerRecord> s = registry.sample(NET, asker, PeerRegistry.MAX_SAMPLE);
            assertEquals(PeerRegistry.MAX_SAMPLE, s.size());
            Set<PeerKey> distinct = keysOf(s);
            assertEquals(s.size(), distinct.size(), "no peer twice");
            assertFalse(distinct.contains(asker), "never the asker");
            assertTrue(s.stream().allMatch(p -> p.state().isServed()), "no failing peer");
        }
    }

    /** An answer's peers, as a node would read them: the frame written and decoded. */
    private List<Message.PeerAddress> answer(PeerKey asker) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        PeersFrame.write(out, registry.sampleEntries(NET, asker, PeerRegistry.MAX_SAMPLE));
        Message m = new org.peerchain.p2p.wire.FrameReader(new java.io.ByteArrayInputStream(out.toByteArray()),
                org.peerchain.p2p.wire.MessageCatalog.standard()).read();
        return ((Message.Peers) m).peers();
    }

    private static PeerKey keyOf(Message.PeerAddress a) {
        return new PeerKey(NET, a.host(), a.port());
    }

    @Test
    void aLargeNetworkIsAnsweredFromItsWindowWithEveryPeerInTurnNoDuplicateAndNeverTheAsker() throws Exception {
        int n = PeerRegistry.WINDOWED_ABOVE + 500;
        List<PeerKey> keys = register(n);
        registry.refreshWindows(0);
        PeerKey asker = keys.get(700);
        Set<PeerKey> seen = new HashSet<>();
        for (int round = 0; round < 2_000; round++) {
            List<Message.PeerAddress> peers = answer(asker);
            assertEquals(PeerRegistry.MAX_SAMPLE, peers.size());
            Set<PeerKey> distinct = peers.stream().map(PeerRegistryTest::keyOf).collect(Collectors.toSet());
            assertEquals(peers.size(), distinct.size(), "no peer twice");
            assertFalse(distinct.contains(asker), "never the asker");
            seen.addAll(distinct);
        }
        assertEquals(n - 1, seen.size(), "every peer but the asker is answered in turn");
    }

    @Test
    void aWindowMadeAgainTakesInNewPeersAndLeavesOutRemovedOnes() throws Exception {
        int n = PeerRegistry.WINDOWED_ABOVE + 50;
        List<PeerKey> keys = register(n);
        registry.refreshWindows(0);
        registry.remove(keys.get(3), RemovalReason.KICKED);
        registry.pingFailed(keys.get(4), 1);
        PeerKey newcomer = key(5_000);
        registry.announce(newcomer, nodeId(5_000), 1, 7, NO_CAP);
        for (int round = 0; round < 200; round++) {
            assertFalse(answer(null).stream().map(PeerRegistryTest::keyOf).anyMatch(newcomer::equals),
                    "answers come from the window made before the newcomer");
        }
        registry.refreshWindows(0);
        Set<PeerKey> seen = new HashSet<>();
        for (int round = 0; round < 1_000; round++) {
            answer(null).forEach(a -> seen.add(keyOf(a)));
        }
        assertTrue(seen.contains(newcomer), "the newcomer is answered");
        assertFalse(seen.contains(keys.get(3)), "a removed peer is not");
        assertFalse(seen.contains(keys.get(4)), "nor a failing one");
        assertEquals(n - 1, seen.size());
    }

    @Test
    void aNetworkBackUnderTheThresholdIsSampledExactlyAgain() throws Exception {
        List<PeerKey> keys = register(PeerRegistry.WINDOWED_ABOVE + 1);
        registry.refreshWindows(0);
        registry.remove(keys.get(0), RemovalReason.KICKED);
        registry.refreshWindows(0);
        for (int i = 1; i < keys.size() - 5; i++) {
            registry.remove(keys.get(i), RemovalReason.KICKED);
        }
        PeerKey newcomer = key(5_000);
        registry.announce(newcomer, nodeId(5_000), 1, 7, NO_CAP);
        Set<PeerKey> expected = new HashSet<>(keys.subList(keys.size() - 5, keys.size()));
        expected.add(newcomer);
        assertEquals(expected, answer(null).stream().map(PeerRegistryTest::keyOf).collect(Collectors.toSet()),
                "at once, without waiting for a window");
    }

    @Test
    void aSmallNetworkGivesEveryServedPeerButTheAsker() {
        List<PeerKey> keys = register(6);
        registry.pingFailed(keys.get(1), FAILURES_TO_DELETE);
        registry.remove(keys.get(2), RemovalReason.KICKED);
        Set<PeerKey> expected = new HashSet<>(List.of(keys.get(3), keys.get(4), keys.get(5)));
        assertEquals(expected, keysOf(registry.sample(NET, keys.get(0), PeerRegistry.MAX_SAMPLE)));
        assertEquals(List.of(), registry.sample("main", null, PeerRegistry.MAX_SAMPLE), "another network has none");
    }

    @Test
    void aPeerIsServedAgainOnceAPingSucceedsAndLeavesTheSamplesWhenRemoved() {
        List<PeerKey> keys = register(3);
        registry.pingFailed(keys.get(0), FAILURES_TO_DELETE);
        assertFalse(keysOf(registry.sample(NET, null, 10)).contains(keys.get(0)));
        registry.pingSucceeded(keys.get(0), 100, 0);
        assertEquals(Set.copyOf(keys), keysOf(registry.sample(NET, null, 10)));
        registry.leave(keys.get(1), nodeId(1));
        registry.remove(keys.get(2), RemovalReason.KICKED);
        assertEquals(Set.of(keys.get(0)), keysOf(registry.sample(NET, null, 10)));
        registry.remove(keys.get(0), RemovalReason.KICKED);
        assertEquals(List.of(), registry.sample(NET, null, 10));
    }

    @Test
    void samplesAreUniformOverPeersAndOverPositions() {
        int peers = 100;
        int draws = 20_000;
        int size = 10;
        List<PeerKey> keys = register(peers);
        PeerKey asker = keys.get(0);
        Map<PeerKey, Integer> anywhere = new HashMap<>();
        Map<PeerKey, Integer> first = new HashMap<>();
        for (int d = 0; d < draws; d++) {
            List<PeerRecord> s = registry.sample(NET, asker, size);
            s.forEach(p -> anywhere.merge(p.key(), 1, Integer::sum));
            first.merge(s.get(0).key(), 1, Integer::sum);
        }
        double expectedAnywhere = (double) draws * size / (peers - 1);
        double expectedFirst = (double) draws / (peers - 1);
        for (PeerKey k : keys.subList(1, peers)) {
            // about 9 and 7 standard deviations: a correct sampler never fails, a biased one does
            assertEquals(expectedAnywhere, anywhere.getOrDefault(k, 0), expectedAnywhere * 0.2, "picked " + k);
            assertEquals(expectedFirst, first.getOrDefault(k, 0), expectedFirst * 0.5, "first " + k);
        }
    }

    @Test
    void encodedSamplesFollowAReAnnouncedHeight() {
        List<PeerKey> keys = register(2);
        byte[][] before = registry.sampleEncoded(NET, keys.get(0), 10);
        assertArrayEquals(PeersFrame.entry(new Message.PeerAddress(keys.get(1).address(), keys.get(1).port(), nodeId(1), 1)),
                before[0]);
        registry.announce(keys.get(1), nodeId(1), 1, 77, NO_CAP);
        byte[][] after = registry.sampleEncoded(NET, keys.get(0), 10);
        assertArrayEquals(PeersFrame.entry(new Message.PeerAddress(keys.get(1).address(), keys.get(1).port(), nodeId(1), 77)),
                after[0]);
    }

    @Test
    void aPingCarriesThePeersNewHeightIntoSamplesAndTheDatabase() throws Exception {
        List<PeerKey> keys = register(2);
        registry.pingSucceeded(keys.get(1), 250, 42);
        assertEquals(42, registry.snapshotOf(keys.get(1)).orElseThrow().height());
        assertArrayEquals(PeersFrame.entry(new Message.PeerAddress(keys.get(1).address(), keys.get(1).port(), nodeId(1), 42)),
                registry.sampleEncoded(NET, keys.get(0), 10)[0]);
        registry.flush();
        PeerRecord stored = store.loadPeers().stream().filter(p -> p.key().equals(keys.get(1))).findFirst().orElseThrow();
        assertEquals(42, stored.height(), "written behind like an announce");
    }

    private static PeerKey inSlash64(int slash64, int host) {
        return new PeerKey(NET, "2001:db8:0:" + Integer.toHexString(slash64) + "::" + Integer.toHexString(host), 8333);
    }

    @Test
    void distinctAddressesOfOneIpv6Slash64ShareItsCap() {
        int cap = PeerRegistry.MAX_PEERS_PER_IPV6_64;
        for (int i = 1; i <= cap + 8; i++) {
            PeerRegistry.AnnounceOutcome outcome = registry.announce(inSlash64(1, i), nodeId(i), 1, 1, 8);
            assertEquals(i <= cap ? PeerRegistry.AnnounceOutcome.ADDED : PeerRegistry.AnnounceOutcome.TOO_MANY_FROM_IPV6_64,
                    outcome, "address " + i + " of the /64");
        }
        assertEquals(cap, registry.size());
        assertEquals(PeerRegistry.AnnounceOutcome.ADDED, registry.announce(inSlash64(2, 1), nodeId(99), 1, 1, 8),
                "another /64 has its own cap");
        registry.remove(inSlash64(1, 1), RemovalReason.KICKED);
        assertEquals(PeerRegistry.AnnounceOutcome.ADDED, registry.announce(inSlash64(1, 500), nodeId(500), 1, 1, 8),
                "a place freed in the /64 is taken again");
        assertEquals("2001:db8:0:1::/64", PeerRegistry.ipv6Slash64("2001:db8:0:1:0:0:0:1f"));
        assertEquals(null, PeerRegistry.ipv6Slash64("203.0.113.7"));
    }

    @Test
    void registrationsStoredBeyondTheCapsAreKeptAtARestart() throws Exception {
        int stored = PeerRegistry.MAX_PEERS_PER_IPV6_64 + 8;
        Map<PeerKey, PeerRecord> rows = new HashMap<>();
        for (int i = 1; i <= stored; i++) {
            PeerKey k = inSlash64(1, i);
            rows.put(k, new PeerRecord(k, nodeId(i), 1, 1, 1_000, 1_000, PeerRecord.NO_RTT, 0, PeerState.LIVE));
        }
        store.write(rows.entrySet());
        registry.close();
        registry = new PeerRegistry(store, System::currentTimeMillis);
        assertEquals(stored, registry.size(), "a registry over the cap (an older tracker's) keeps every peer");
        assertEquals(PeerRegistry.AnnounceOutcome.TOO_MANY_FROM_IPV6_64, registry.announce(inSlash64(1, 999), nodeId(999), 1, 1, 8));
        assertEquals(PeerRegistry.AnnounceOutcome.UPDATED, registry.announce(inSlash64(1, 1), nodeId(1), 1, 7, 8),
                "a registered peer still re-announces");
        assertEquals(stored, registry.size());
    }
}
