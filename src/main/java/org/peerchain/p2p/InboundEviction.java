package org.peerchain.p2p;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which inbound peer to close when the inbound slots are full and a new connection comes, so that the newcomer takes
 * its slot instead of being refused: Bitcoin Core's {@code AttemptToEvictConnection} ({@code net.cpp},
 * {@code node/eviction.cpp}). Peers that have shown they are useful, or that an attacker cannot cheaply imitate, are
 * protected, each kind by a few slots so that no single trait (a good ping, say) protects an attacker's whole fleet:
 * <ol>
 * <li>{@value #PROTECTED_BY_NETWORK_GROUP} peers of different network groups picked by a hash keyed with a secret of
 * this node, so an attacker cannot tell which networks to come from;</li>
 * <li>the {@value #PROTECTED_BY_PING} with the best ping;</li>
 * <li>the {@value #PROTECTED_BY_TXS} that most recently sent a transaction new to us;</li>
 * <li>the {@value #PROTECTED_BY_BLOCKS} that most recently sent a block that extended our chain;</li>
 * <li>of the rest, the longest-connected half.</li>
 * </ol>
 * From what is left (the peers that misbehaved, if any of them is left) the youngest connection of the network group
 * with the most connections is chosen: an attacker's many connections from one network go first. Unlike Core, a peer
 * is protected for what it has done only: one with no ping measured, or that sent no block or transaction, is not
 * protected by that rule, so a node with few inbound peers still finds one to evict.
 */
final class InboundEviction {
    /** Bitcoin Core's protections (node/eviction.cpp), the same counts. */
    static final int PROTECTED_BY_NETWORK_GROUP = 4;
    static final int PROTECTED_BY_PING = 8;
    static final int PROTECTED_BY_TXS = 4;
    static final int PROTECTED_BY_BLOCKS = 4;
    /** The {@code error} code an evicted peer is sent before the close. */
    static final String EVICTED = "evicted";

    /**
     * What the choice knows of one inbound peer.
     *
     * @param connectedNanos  when its connection was made ({@link System#nanoTime})
     * @param pingMillis      its last ping round trip; negative when none has been measured
     * @param lastBlockNanos  when it last sent a block that extended our chain; 0: never
     * @param lastTxNanos     when it last sent a transaction that entered our mempool; 0: never
     * @param misbehaved      it has misbehaviour points: evicted before the others (Core's {@code prefer_evict})
     */
    record Candidate(long id, String group, long connectedNanos, double pingMillis, long lastBlockNanos,
                     long lastTxNanos, boolean misbehaved) {
    }

    private static final Comparator<Candidate> OLDEST_FIRST =
            Comparator.comparingLong(Candidate::connectedNanos).thenComparingLong(Candidate::id);

    private final byte[] groupKey;

    /** @param groupKey the secret the network-group protection is keyed with (random per node) */
    InboundEviction(byte[] groupKey) {
        this.groupKey = groupKey.clone();
    }

    /** The peer to evict, or empty when every candidate is protected (the newcomer is then refused). */
    Optional<Long> choose(Collection<Candidate> candidates) {
        List<Candidate> left = new ArrayList<>(candidates);
        left.sort(OLDEST_FIRST);
        protectByNetworkGroup(left);
        protectMost(left, c -> c.pingMillis() >= 0, Comparator.comparingDouble(Candidate::pingMillis), PROTECTED_BY_PING);
        protectMost(left, c -> c.lastTxNanos() != 0,
                Comparator.comparingLong(Candidate::lastTxNanos).reversed(), PROTECTED_BY_TXS);
        protectMost(left, c -> c.lastBlockNanos() != 0,
                Comparator.comparingLong(Candidate::lastBlockNanos).reversed(), PROTECTED_BY_BLOCKS);
        // the longest-connected half of the rest (Core's ProtectEvictionCandidatesByRatio)
        left.sort(OLDEST_FIRST);
        left.subList(0, left.size() / 2).clear();
        if (left.isEmpty()) {
            return Optional.empty();
        }
        if (left.stream().anyMatch(Candidate::misbehaved)) {
            left.removeIf(c -> !c.misbehaved());
        }
        return Optional.of(youngestOfLargestGroup(left).id());
    }

    /** Removes from {@code left} one peer (the oldest) of each of the network groups ranked first by the keyed hash. */
    private void protectByNetworkGroup(List<Candidate> left) {
        Map<String, Candidate> oldestOfGroup = new LinkedHashMap<>();
        for (Candidate c : left) {
            oldestOfGroup.putIfAbsent(c.group(), c);
        }
        Map<String, String> rank = new HashMap<>();
        oldestOfGroup.keySet().forEach(g -> rank.put(g, keyedRank(g)));
        List<String> groups = new ArrayList<>(oldestOfGroup.keySet());
        groups.sort(Comparator.comparing(rank::get));
        Set<Candidate> kept = new HashSet<>();
        for (String g : groups.subList(0, Math.min(PROTECTED_BY_NETWORK_GROUP, groups.size()))) {
            kept.add(oldestOfGroup.get(g));
        }
        left.removeAll(kept);
    }

    /** Removes from {@code left} the first {@code count} of those with the trait, best first. */
    private static void protectMost(List<Candidate> left, Predicate<Candidate> hasTrait,
                                    Comparator<Candidate> bestFirst, int count) {
        List<Candidate> with = new ArrayList<>(left.stream().filter(hasTrait).toList());
        with.sort(bestFirst.thenComparing(OLDEST_FIRST));
        left.removeAll(with.subList(0, Math.min(count, with.size())));
    }

    /**
     * The youngest connection of the group with the most connections; between groups as large, the one whose youngest
     * connection is the youngest (Core's rule).
     */
    private static Candidate youngestOfLargestGroup(List<Candidate> left) {
        Map<String, List<Candidate>> byGroup = new LinkedHashMap<>();
        for (Candidate c : left) {
            byGroup.computeIfAbsent(c.group(), g -> new ArrayList<>()).add(c);
        }
        Candidate pick = null;
        int pickSize = 0;
        for (List<Candidate> members : byGroup.values()) {
            Candidate youngest = members.stream().max(OLDEST_FIRST).orElseThrow();
            if (members.size() > pickSize || (members.size() == pickSize && OLDEST_FIRST.compare(youngest, pick) > 0)) {
                pick = youngest;
                pickSize = members.size();
            }
        }
        return pick;
    }

    /** The group's rank under this node's key: a hash an attacker cannot compute without the key. */
    private String keyedRank(String group) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(groupKey);
            d.update(group.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
