package org.peerchain.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(5)
class TrackerClientSettingsTest {
    @Test
    void backoffDoublesFromTheInitialWaitAndIsCapped() {
        TrackerClient.Settings s = new TrackerClient.Settings(Duration.ofMinutes(5), Duration.ofSeconds(5),
                Duration.ofMinutes(10), Duration.ofSeconds(10));
        assertEquals(Duration.ofSeconds(5), s.backoffAfter(1));
        assertEquals(Duration.ofSeconds(10), s.backoffAfter(2));
        assertEquals(Duration.ofSeconds(40), s.backoffAfter(4));
        assertEquals(Duration.ofMinutes(10), s.backoffAfter(12));
        assertEquals(Duration.ofMinutes(10), s.backoffAfter(1_000), "no overflow");
    }

    @Test
    void parsesTrackerAddressesAndNamesWhatIsWrong() {
        assertEquals(new HostPort("tracker.example", 7300), HostPort.parse("tracker.example", TrackerClient.DEFAULT_TRACKER_PORT));
        assertEquals(new HostPort("10.0.0.1", 9000), HostPort.parse("10.0.0.1:9000", 1));
        assertEquals(new HostPort("::1", 9000), HostPort.parse("[::1]:9000", 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HostPort.parse("host:abc", 1));
        assertTrue(e.getMessage().contains("port 'abc' is not a number"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> HostPort.parse("host:70000", 1));
        assertThrows(IllegalArgumentException.class, () -> HostPort.parse("", 1));
    }
}
