package org.peerchain.p2p;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * Who holds the listener's inbound slots: a connection holds one from its acceptance to its close (its handshake
 * included), counted per address and per network group ({@link IpLiterals#inboundGroup}), so that neither one address
 * nor one network can take them all. Thread-safe: the acceptor takes slots, the connections' threads give them back.
 */
final class InboundSlots {
    /**
     * Most inbound connections from one network group (an IPv4 /16, an IPv6 /64): 8% of the 125 slots, so filling
     * them takes at least 13 networks. Bitcoin Core has no such cap, only its eviction by network group (which we have
     * too, {@link InboundEviction}); a cap refuses the many connections of one network before any peer is evicted
     * for them. Loopback is counted per address only: its connections come from this machine (a local proxy, and the
     * tests, which run every peer from its own 127.0.0.x).
     */
    static final int MAX_PER_NETWORK_GROUP = 10;
    private final int perAddress;
    private final Map<InetAddress, Integer> byAddress = new HashMap<>();
    private final Map<String, Integer> byGroup = new HashMap<>();
    private int held;

    /** @param perAddress most slots one address may hold */
    InboundSlots(int perAddress) {
        if (perAddress < 1) {
            throw new IllegalArgumentException("at least one slot per address");
        }
        this.perAddress = perAddress;
    }

    /** Why a connection from {@code a} may not take a slot (its address or network at its limit), or null when it may. */
    synchronized String refusal(InetAddress a) {
        if (byAddress.getOrDefault(a, 0) >= perAddress) {
            return "connection limit reached (" + perAddress + " per address)";
        }
        if (!a.isLoopbackAddress()) {
            String group = IpLiterals.inboundGroup(a);
            if (byGroup.getOrDefault(group, 0) >= MAX_PER_NETWORK_GROUP) {
                return "connection limit reached (" + MAX_PER_NETWORK_GROUP + " per network group, " + group + ")";
            }
        }
        return null;
    }

    /** Takes a slot for {@code a}; the caller has asked {@link #refusal} first. */
    synchronized void take(InetAddress a) {
        byAddress.merge(a, 1, Integer::sum);
        byGroup.merge(IpLiterals.inboundGroup(a), 1, Integer::sum);
        held++;
    }

    /** Gives back a slot {@code a} held. */
    synchronized void release(InetAddress a) {
        Integer n = byAddress.get(a);
        if (n == null) {
            return;
        }
        if (n <= 1) {
            byAddress.remove(a);
        } else {
            byAddress.put(a, n - 1);
        }
        byGroup.computeIfPresent(IpLiterals.inboundGroup(a), (k, v) -> v <= 1 ? null : v - 1);
        held--;
    }

    /** Slots held now. */
    synchronized int held() {
        return held;
    }
}
