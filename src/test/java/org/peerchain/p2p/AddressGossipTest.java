package org.peerchain.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.peerchain.p2p.wire.PeerMessages.NetAddress;

/** Which gossiped addresses are kept, and IP literals read without a name server. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class AddressGossipTest {
    private static final InetAddress PUBLIC_SIDE = IpLiterals.parse("203.0.113.7");
    private static final InetAddress LAN_SIDE = IpLiterals.parse("192.168.1.20");
    private static final InetAddress LOOPBACK_SIDE = IpLiterals.parse("127.0.0.1");

    @Test
    void aPeerOnThePublicInternetCannotGiveUsLoopbackOrPrivateAddresses() {
        assertNull(AddressGossip.problem(new NetAddress("8.8.8.8", 18_444, 0), PUBLIC_SIDE));
        assertEquals("127.0.0.1 is a loopback address, from a peer that is not on this machine",
                AddressGossip.problem(new NetAddress("127.0.0.1", 18_444, 0), PUBLIC_SIDE));
        assertEquals("10.0.0.5 is a private address, from a peer that is not on a private network",
                AddressGossip.problem(new NetAddress("10.0.0.5", 18_444, 0), PUBLIC_SIDE));
        assertNotNull(AddressGossip.problem(new NetAddress("fd00::5", 18_444, 0), PUBLIC_SIDE));
        assertNotNull(AddressGossip.problem(new NetAddress("100.64.1.1", 18_444, 0), PUBLIC_SIDE));
        assertNotNull(AddressGossip.problem(new NetAddress("169.254.3.3", 18_444, 0), PUBLIC_SIDE));
    }

    @Test
    void aPeerOnTheSameLanOrMachineMayGiveUsItsNetworksAddresses() {
        assertNull(AddressGossip.problem(new NetAddress("10.0.0.5", 18_444, 0), LAN_SIDE));
        assertNull(AddressGossip.problem(new NetAddress("10.0.0.5", 18_444, 0), LOOPBACK_SIDE));
        assertNull(AddressGossip.problem(new NetAddress("127.0.0.5", 18_444, 0), LOOPBACK_SIDE));
        assertNotNull(AddressGossip.problem(new NetAddress("127.0.0.5", 18_444, 0), LAN_SIDE));
    }

    @Test
    void namesPrivilegedPortsAndUnroutableAddressesAreNamedAndRefused() {
        assertEquals("'seed.example.org' is not an IP address",
                AddressGossip.problem(new NetAddress("seed.example.org", 18_444, 0), PUBLIC_SIDE));
        assertEquals("8.8.8.8: port 25 is outside 1024-65535",
                AddressGossip.problem(new NetAddress("8.8.8.8", 25, 0), PUBLIC_SIDE));
        assertEquals("0.0.0.0 is not a peer's address", AddressGossip.problem(new NetAddress("0.0.0.0", 18_444, 0), PUBLIC_SIDE));
        assertNotNull(AddressGossip.problem(new NetAddress("239.1.2.3", 18_444, 0), PUBLIC_SIDE));
        assertNotNull(AddressGossip.problem(new NetAddress("250.1.2.3", 18_444, 0), PUBLIC_SIDE));
        assertNotNull(AddressGossip.problem(new NetAddress("::", 18_444, 0), PUBLIC_SIDE));
    }

    @Test
    void literalsAreReadWithoutEverAskingANameServer() {
        assertEquals("1.2.3.4", IpLiterals.parse("1.2.3.4").getHostAddress());
        assertEquals("0:0:0:0:0:0:0:1", IpLiterals.parse("::1").getHostAddress());
        assertEquals("0:0:0:0:0:0:0:1", IpLiterals.parse("[::1]").getHostAddress());
        for (String notALiteral : new String[] {"localhost", "abc.com", "deadbeef", "fe80::zz", "1.2.3", "1.2.3.4.5",
                "01.2.3.4", "256.1.1.1", "1.2.3.-4", "", " 1.2.3.4"}) {
            long start = System.nanoTime();
            assertNull(IpLiterals.parse(notALiteral), "'" + notALiteral + "' is not an IP literal");
            // a lookup would take a resolver's time-out here (no network): a parse takes microseconds
            assertTrue(System.nanoTime() - start < 100_000_000L, "'" + notALiteral + "' took a lookup's time");
        }
        assertEquals("myhost", IpLiterals.canonical("myhost"));
        assertEquals("20.1.0.1", IpLiterals.group(IpLiterals.parse("20.1.0.1")).equals("20.1") ? "20.1.0.1" : "wrong");
        assertEquals("2001:0db8::/32", IpLiterals.group(IpLiterals.parse("2001:db8::1")));
        assertEquals("loopback", IpLiterals.group(IpLiterals.parse("127.0.0.2")));
    }
}
