package org.peerchain.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.peerchain.consensus.ChainParams;
import org.peerchain.p2p.HostPort;

/** {@link PeerOptions#parse}: the trackers and peers a user writes as text, as the command line and settings give them. */
@Timeout(10)
class PeerOptionsParseTest {
    private static final ChainParams PARAMS = ChainParams.REGTEST;

    @Test
    void aBareTrackerGetsTheTrackerPortAndABarePeerTheNetworksPort() {
        PeerOptions options = PeerOptions.parse(List.of("tracker.example", "10.0.0.2:9000"),
                List.of("[::1]", "peer.example:1234"), false, PARAMS);

        assertEquals(List.of(new HostPort("tracker.example", PeerOptions.DEFAULT_TRACKER_PORT),
                new HostPort("10.0.0.2", 9000)), options.trackers());
        assertEquals(List.of(new HostPort("::1", PARAMS.defaultPort()), new HostPort("peer.example", 1234)),
                options.connect());
        assertTrue(options.settings().discover(), "without --connect-only the node also finds peers");
    }

    @Test
    void connectOnlyTurnsDiscoveryOff() {
        PeerOptions options = PeerOptions.parse(List.of(), List.of("127.0.0.1:28633"), true, PARAMS);

        assertFalse(options.settings().discover());
        assertEquals(List.of(new HostPort("127.0.0.1", 28633)), options.connect());
    }

    @Test
    void nothingGivenIsNoTrackersAndNoFixedPeers() {
        PeerOptions options = PeerOptions.parse(List.of(), List.of(), false, PARAMS);

        assertEquals(List.of(), options.trackers());
        assertEquals(List.of(), options.connect());
    }

    @Test
    void aBadAddressIsRefusedNamingItAndWhatIsWrong() {
        IllegalArgumentException port = assertThrows(IllegalArgumentException.class,
                () -> PeerOptions.parse(List.of("tracker.example:http"), List.of(), false, PARAMS));
        assertTrue(port.getMessage().contains("'tracker.example:http'") && port.getMessage().contains("not a number"),
                port.getMessage());

        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> PeerOptions.parse(List.of(), List.of("good.example", "peer.example:70000"), false, PARAMS));
        assertTrue(range.getMessage().contains("'peer.example:70000'") && range.getMessage().contains("1-65535"),
                range.getMessage());

        IllegalArgumentException v6 = assertThrows(IllegalArgumentException.class,
                () -> PeerOptions.parse(List.of(), List.of("::1:28633"), false, PARAMS));
        assertTrue(v6.getMessage().contains("[ADDRESS]:PORT"), v6.getMessage());

        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> PeerOptions.parse(List.of(" "), List.of(), false, PARAMS));
        assertTrue(empty.getMessage().contains("empty"), empty.getMessage());
    }
}
