package org.peerchain.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The inbound slots' limits per address and per network group (security round 2, finding 5): before, only the exact
 * address was counted, so 16 addresses of one IPv4 /16 or one IPv6 /64 held every one of the 125 slots.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class InboundSlotsTest {
    private static final int TOTAL = PeerListener.MAX_INBOUND_CONNECTIONS;

    private static InetAddress ip(String literal) {
        InetAddress a = IpLiterals.parse(literal);
        assertNotNull(a, literal);
        return a;
    }

    /** Takes slots for {@code addresses} in turn, each as often as the limits allow; returns how many were taken. */
    private static int fill(InboundSlots slots, String... addresses) {
        int taken = 0;
        for (String text : addresses) {
            InetAddress a = ip(text);
            while (slots.held() < TOTAL && slots.refusal(a) == null) {
                slots.take(a);
                taken++;
            }
        }
        return taken;
    }

    private static String[] ipv4Of(String slash16, int count) {
        String[] out = new String[count];
        for (int i = 0; i < count; i++) {
            out[i] = slash16 + "." + (i / 200) + "." + (1 + i % 200);
        }
        return out;
    }

    private static String[] ipv6Of(String slash64, int count) {
        String[] out = new String[count];
        for (int i = 0; i < count; i++) {
            out[i] = slash64 + ":" + Integer.toHexString(0x1000 + i) + ":1:2:3";
        }
        return out;
    }

    @Test
    void sixteenAddressesOfOneIpv4Slash16HoldNoMoreThanTheGroupsShare() {
        InboundSlots slots = new InboundSlots(PeerListener.MAX_CONNECTIONS_PER_IP);
        int taken = fill(slots, ipv4Of("203.0", 16));
        assertEquals(InboundSlots.MAX_PER_NETWORK_GROUP, taken, "one /16 holds its share only");
        String why = slots.refusal(ip("203.0.77.77"));
        assertNotNull(why);
        assertTrue(why.contains(InboundSlots.MAX_PER_NETWORK_GROUP + " per network group") && why.contains("203.0.0.0/16"), why);
        assertNull(slots.refusal(ip("203.1.0.1")), "the next /16 is another group");
    }

    @Test
    void addressesOfOneIpv6Slash64HoldNoMoreThanTheGroupsShare() {
        InboundSlots slots = new InboundSlots(PeerListener.MAX_CONNECTIONS_PER_IP);
        int taken = fill(slots, ipv6Of("2001:db8:aa:bb", 200));
        assertEquals(InboundSlots.MAX_PER_NETWORK_GROUP, taken, "one /64 holds its share only");
        assertTrue(slots.refusal(ip("2001:db8:aa:bb::99")).contains("2001:db8:aa:bb::/64"));
        assertNull(slots.refusal(ip("2001:db8:aa:bc::1")), "the next /64 is another group");
    }

    @Test
    void sixToFourAndTeredoAddressesCountInTheGroupOfTheIpv4AddressTheyCarry() {
        InboundSlots slots = new InboundSlots(PeerListener.MAX_CONNECTIONS_PER_IP);
        // 6to4 (2002:CB00:0001::/48 carries 203.0.0.1): every /64 under it is the same IPv4 host's
        String[] sixToFour = new String[50];
        for (int i = 0; i < sixToFour.length; i++) {
            sixToFour[i] = "2002:cb00:1:" + Integer.toHexString(i) + "::1";
        }
        int taken = fill(slots, sixToFour);
        assertEquals(InboundSlots.MAX_PER_NETWORK_GROUP, taken);
        assertNotNull(slots.refusal(ip("203.0.9.9")), "the IPv4 /16 it carries is full too");
        // Teredo (2001:0::/32): the client's address is the last 32 bits inverted; 0x34fffffe is 203.0.0.1
        assertNotNull(slots.refusal(ip("2001:0:4136:e378:8000:63bf:34ff:fffe")));
    }

    @Test
    void theSlotsCanBeFilledOnlyFromManyNetworks() {
        InboundSlots slots = new InboundSlots(PeerListener.MAX_CONNECTIONS_PER_IP);
        int groups = 0;
        for (int g = 1; slots.held() < TOTAL; g++) {
            fill(slots, ipv4Of("198." + g, 16));
            groups++;
        }
        assertTrue(groups >= TOTAL / InboundSlots.MAX_PER_NETWORK_GROUP, groups + " networks fill the slots");
    }

    @Test
    void loopbackIsCountedPerAddressOnlyAsTestsAndLocalProxiesComeFromThisMachine() {
        InboundSlots slots = new InboundSlots(TOTAL);
        String[] local = new String[100];
        for (int i = 0; i < local.length; i++) {
            local[i] = "127.0.3." + (i + 1);
        }
        int taken = 0;
        for (String a : local) {
            assertNull(slots.refusal(ip(a)), a);
            slots.take(ip(a));
            taken++;
        }
        assertEquals(100, taken);
        InboundSlots capped = new InboundSlots(PeerListener.MAX_CONNECTIONS_PER_IP);
        assertEquals(PeerListener.MAX_CONNECTIONS_PER_IP, fill(capped, "127.0.0.1"), "the per-address cap still holds");
    }

    @Test
    void aReleasedSlotCanBeTakenAgain() {
        InboundSlots slots = new InboundSlots(PeerListener.MAX_CONNECTIONS_PER_IP);
        fill(slots, ipv4Of("203.0", 16));
        InetAddress a = ip("203.0.0.1");
        assertNotNull(slots.refusal(a));
        slots.release(a);
        assertNull(slots.refusal(a));
        assertEquals(InboundSlots.MAX_PER_NETWORK_GROUP - 1, slots.held());
        slots.release(ip("192.0.2.1"));
        assertEquals(InboundSlots.MAX_PER_NETWORK_GROUP - 1, slots.held(), "an address holding nothing gives nothing back");
    }
}
