package org.peerchain.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.peerchain.p2p.InboundEviction.Candidate;

/** The choice of the inbound peer to evict when the slots are full (Bitcoin Core's AttemptToEvictConnection). */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class InboundEvictionTest {
    private static final long SECOND = 1_000_000_000L;
    private static final InboundEviction POLICY = new InboundEviction(new byte[32]);

    /** A peer connected at second {@code id}, in group {@code group}, that has done nothing yet. */
    private static Candidate idle(long id, String group) {
        return new Candidate(id, group, id * SECOND, -1, 0, 0, false);
    }

    private static Candidate withPing(Candidate c, double millis) {
        return new Candidate(c.id(), c.group(), c.connectedNanos(), millis, c.lastBlockNanos(), c.lastTxNanos(), c.misbehaved());
    }

    private static Candidate withBlockAt(Candidate c, long second) {
        return new Candidate(c.id(), c.group(), c.connectedNanos(), c.pingMillis(), second * SECOND, c.lastTxNanos(), c.misbehaved());
    }

    private static Candidate withTxAt(Candidate c, long second) {
        return new Candidate(c.id(), c.group(), c.connectedNanos(), c.pingMillis(), c.lastBlockNanos(), second * SECOND, c.misbehaved());
    }

    private static Candidate misbehaving(Candidate c) {
        return new Candidate(c.id(), c.group(), c.connectedNanos(), c.pingMillis(), c.lastBlockNanos(), c.lastTxNanos(), true);
    }

    /** {@code count} idle peers, ids from {@code firstId}, each in its own group. */
    private static List<Candidate> ownGroups(int firstId, int count) {
        List<Candidate> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(idle(firstId + i, "198." + (firstId + i) + ".0.0/16"));
        }
        return out;
    }

    private static long evict(InboundEviction policy, List<Candidate> peers) {
        Optional<Long> pick = policy.choose(peers);
        assertTrue(pick.isPresent(), "someone is evicted");
        return pick.get();
    }

    @Test
    void theYoungestConnectionOfTheNetworkWithTheMostConnectionsGoes() {
        List<Candidate> peers = ownGroups(1, 30);
        for (int i = 0; i < 10; i++) {
            peers.add(idle(100 + i, "203.0.0.0/16"));
        }
        peers.add(idle(200, "192.0.0.0/16"));
        assertEquals(109, evict(POLICY, peers), "the attacker network's youngest, not the younger peer of another");
    }

    @Test
    void betweenNetworksAsLargeTheOneWithTheYoungestConnectionGoesFirst() {
        List<Candidate> peers = ownGroups(1, 30);
        assertEquals(30, evict(POLICY, peers));
    }

    @Test
    void peersThatRecentlySentNewBlocksAreKeptEvenWhenYoungest() {
        List<Candidate> peers = ownGroups(1, 30);
        List<Candidate> useful = new ArrayList<>();
        for (int i = 0; i < InboundEviction.PROTECTED_BY_BLOCKS; i++) {
            useful.add(withBlockAt(idle(100 + i, "10." + i + ".0.0/16"), 1_000 + i));
        }
        peers.addAll(useful);
        long evicted = evict(POLICY, peers);
        assertTrue(evicted < 100, "a block relayer was evicted: " + evicted);
        assertEquals(30, evicted);
    }

    @Test
    void peersThatRecentlySentNewTransactionsAreKept() {
        List<Candidate> peers = ownGroups(1, 30);
        for (int i = 0; i < InboundEviction.PROTECTED_BY_TXS; i++) {
            peers.add(withTxAt(idle(100 + i, "10." + i + ".0.0/16"), 1_000 + i));
        }
        assertEquals(30, evict(POLICY, peers));
    }

    @Test
    void onlyTheMostRecentSendersAreProtectedNotEveryone() {
        List<Candidate> peers = ownGroups(1, 30);
        // many block senders: the four most recent are kept, an old one is like any other peer
        for (int i = 0; i < 10; i++) {
            peers.add(withBlockAt(idle(100 + i, "10." + i + ".0.0/16"), 1_000 - i));
        }
        long evicted = evict(POLICY, peers);
        assertTrue(evicted >= 100 + InboundEviction.PROTECTED_BY_BLOCKS, "the youngest of the older senders: " + evicted);
    }

    @Test
    void theBestPingsAreKept() {
        List<Candidate> peers = new ArrayList<>();
        for (Candidate c : ownGroups(1, 40)) {
            // the youngest have the best pings
            peers.add(withPing(c, 1_000 - c.id()));
        }
        long evicted = evict(POLICY, peers);
        assertTrue(evicted <= 40 - InboundEviction.PROTECTED_BY_PING, "a peer with one of the best pings went: " + evicted);
    }

    @Test
    void theLongestConnectedHalfOfTheRestIsKept() {
        List<Candidate> peers = ownGroups(1, 40);
        Set<Long> evicted = new HashSet<>();
        for (int round = 0; round < 20; round++) {
            long id = evict(POLICY, peers);
            evicted.add(id);
            peers.removeIf(c -> c.id() == id);
        }
        int unprotectedLeftAtTheStart = 40 - InboundEviction.PROTECTED_BY_NETWORK_GROUP;
        long oldestEvicted = evicted.stream().mapToLong(Long::longValue).min().orElseThrow();
        assertTrue(oldestEvicted > unprotectedLeftAtTheStart / 2 - InboundEviction.PROTECTED_BY_NETWORK_GROUP,
                "an old peer went: " + oldestEvicted);
    }

    @Test
    void whenEveryPeerIsProtectedNoneIsEvictedAndTheNewcomerIsRefused() {
        List<Candidate> peers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            peers.add(withBlockAt(withPing(idle(i + 1, "10." + i + ".0.0/16"), 20 + i), 500 + i));
        }
        assertEquals(Optional.empty(), POLICY.choose(peers));
        assertEquals(Optional.empty(), POLICY.choose(List.of()));
    }

    @Test
    void aPeerThatMisbehavedGoesBeforeTheOthers() {
        List<Candidate> peers = ownGroups(1, 30);
        peers.set(20, misbehaving(peers.get(20)));
        assertEquals(21, evict(POLICY, peers));
    }

    @Test
    void whichNetworksAreProtectedDependsOnTheNodesSecretKey() {
        // with every peer alike, the youngest goes unless the key protects its network: over many keys it sometimes is
        Set<Long> picks = new HashSet<>();
        for (int k = 0; k < 100; k++) {
            byte[] key = new byte[32];
            key[0] = (byte) k;
            picks.add(evict(new InboundEviction(key), ownGroups(1, 30)));
        }
        assertTrue(picks.contains(30L), "mostly the youngest");
        assertNotEquals(Set.of(30L), picks, "another when the youngest's network was protected by that key");
        assertTrue(picks.stream().allMatch(id -> id > 15), "never one of the longest connected: " + picks);
    }
}
