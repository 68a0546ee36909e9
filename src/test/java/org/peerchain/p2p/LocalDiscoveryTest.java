package org.peerchain.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class LocalDiscoveryTest {
    private static final String NODE = "68a635f66f4a94c9044e86de2aae3271";

    private static LocalDiscovery.Announcement parse(String text) {
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        return LocalDiscovery.parse(b, b.length);
    }

    private static String refusal(String text) {
        return assertThrows(IllegalArgumentException.class, () -> parse(text)).getMessage();
    }

    @Test
    void anAnnounceReadsBackAsWritten() {
        var a = new LocalDiscovery.Announcement("peerchain-main", NODE, 8633);
        byte[] data = LocalDiscovery.encode(a);
        assertEquals(a, LocalDiscovery.parse(data, data.length));
        assertEquals("PEERCHAIN-HELLO 1\nnetwork: peerchain-main\nnode: " + NODE + "\nport: 8633\n",
                new String(data, StandardCharsets.US_ASCII));
        assertTrue(data.length < LocalDiscovery.MAX_DATAGRAM);
    }

    @Test
    void eachMalformedDatagramIsRefusedWithWhatIsWrong() {
        String good = "PEERCHAIN-HELLO 1\nnetwork: peerchain-main\nnode: " + NODE + "\nport: 8633\n";
        assertTrue(refusal("BT-SEARCH * HTTP/1.1\nHost: 239.192.152.143:6771\n").contains("does not start with"));
        assertTrue(refusal(good.replace("port: 8633\n", "")).contains("no \"port\" line"));
        assertTrue(refusal(good + "port: 9000\n").contains("\"port\" is given twice"));
        assertTrue(refusal(good.replace("8633", "70000")).contains("out of range: 70000"));
        assertTrue(refusal(good.replace("8633", "http")).contains("not a number: \"http\""));
        assertTrue(refusal(good.replace(NODE, "xyz")).contains("node id is not 32 hex digits"));
        assertTrue(refusal(good.replace("peerchain-main", "Peer Chain!")).contains("network name is not one"));
        assertTrue(refusal(good + "garbage\n").contains("line 5 is not \"name: value\""));
        byte[] big = new byte[LocalDiscovery.MAX_DATAGRAM + 1];
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LocalDiscovery.parse(big, big.length))
                .getMessage().contains("longer than 512 bytes"));
    }

    @Test
    void oneSenderGetsABurstThenOneDatagramEveryFiveSecondsAndOthersAreNotHeldBack() {
        AtomicLong now = new AtomicLong(1_000_000_000_000L);
        LocalDiscovery.RateLimiter limiter = new LocalDiscovery.RateLimiter(now::get);
        for (int i = 0; i < LocalDiscovery.PER_SOURCE_BURST; i++) {
            assertTrue(limiter.admit("192.0.2.7"), "datagram " + i + " of the burst");
        }
        assertFalse(limiter.admit("192.0.2.7"), "the burst is spent");
        assertTrue(limiter.admit("192.0.2.8"), "another sender has its own budget");
        now.addAndGet(LocalDiscovery.PER_SOURCE_REFILL_NANOS);
        assertTrue(limiter.admit("192.0.2.7"), "one more after the refill time");
        assertFalse(limiter.admit("192.0.2.7"));
    }

    @Test
    void manySendersTogetherAreHeldToTheOverallBudget() {
        AtomicLong now = new AtomicLong(1_000_000_000_000L);
        LocalDiscovery.RateLimiter limiter = new LocalDiscovery.RateLimiter(now::get);
        int admitted = 0;
        for (int i = 0; i < 200; i++) {
            if (limiter.admit("198.51.100." + i)) {
                admitted++;
            }
        }
        assertEquals(LocalDiscovery.GLOBAL_BURST, admitted, "forged senders at one instant");
        now.addAndGet(10 * LocalDiscovery.GLOBAL_REFILL_NANOS);
        admitted = 0;
        for (int i = 0; i < 200; i++) {
            if (limiter.admit("203.0.113." + i)) {
                admitted++;
            }
        }
        assertEquals(10, admitted, "one per refill time after that");
    }
}
