package org.peerchain.ui.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.peerchain.consensus.ChainParams;
import org.peerchain.node.MiningConfig;
import org.peerchain.node.NodeConfig;
import org.peerchain.p2p.HostPort;

@Timeout(10)
class NodeStartOptionsTest {
    private static final ChainParams NET = ChainParams.REGTEST;

    private static List<String> texts(List<HostPort> addresses) {
        return addresses.stream().map(HostPort::toString).toList();
    }

    @Test
    void withNothingOnTheCommandLineTheSettingsPortTrackersPeersAndPayoutAreUsed() {
        AppSettings s = AppSettings.defaults().withListenPort(0).withTrackers(List.of("192.0.2.1:7300", "tracker.example"))
                .withPeers(List.of("192.0.2.9:18444")).withPayoutAddress("payout");
        NodeStartOptions o = NodeStartOptions.merge(s, NET, NodeStartOptions.CommandLine.NONE);
        assertEquals(0, o.p2pPort(), "0 keeps meaning any free port");
        assertEquals(List.of("192.0.2.1:7300", "tracker.example:7300"), texts(o.peers().trackers()));
        assertEquals(List.of("192.0.2.9:18444"), texts(o.peers().connect()));
        assertEquals("payout", o.mineTo());
        assertTrue(o.problems().isEmpty());
    }

    @Test
    void theNetworksDefaultPortAndTheWalletsPayoutWhenTheSettingsSayDefault() {
        NodeStartOptions o = NodeStartOptions.merge(AppSettings.defaults(), NET, NodeStartOptions.CommandLine.NONE);
        assertEquals(NET.defaultPort(), o.p2pPort());
        assertNull(o.mineTo());
        assertTrue(o.peers().trackers().isEmpty() && o.peers().connect().isEmpty());
        assertTrue(o.peers().settings().discover());
    }

    @Test
    void theCommandLineWinsItsAddressesComeFirstAndARepeatIsKeptOnce() {
        AppSettings s = AppSettings.defaults().withListenPort(20000).withTrackers(List.of("192.0.2.1", "192.0.2.2:7301"))
                .withPeers(List.of("192.0.2.9:18444")).withPayoutAddress("from settings");
        var cl = new NodeStartOptions.CommandLine(18555, List.of("192.0.2.1:7300"), List.of("192.0.2.8"), true, null,
                "from the command line");
        NodeStartOptions o = NodeStartOptions.merge(s, NET, cl);
        assertEquals(18555, o.p2pPort());
        assertEquals(List.of("192.0.2.1:7300", "192.0.2.2:7301"), texts(o.peers().trackers()),
                "192.0.2.1 in the settings is the command line's 192.0.2.1:7300");
        assertEquals(List.of("192.0.2.8:" + NET.defaultPort(), "192.0.2.9:18444"), texts(o.peers().connect()));
        assertEquals("from the command line", o.mineTo());
        assertTrue(!o.peers().settings().discover(), "--connect-only is the command line's");
    }

    @Test
    void anUnreadableSettingsEntryIsLeftOutAndNamedAndTheRestStarts() {
        AppSettings s = AppSettings.defaults().withTrackers(List.of("bad host!", "192.0.2.1:7300"));
        NodeStartOptions o = NodeStartOptions.merge(s, NET, NodeStartOptions.CommandLine.NONE);
        assertEquals(List.of("192.0.2.1:7300"), texts(o.peers().trackers()));
        assertEquals(1, o.problems().size());
        assertTrue(o.problems().get(0).startsWith("The tracker 'bad host!' in the settings was left out"),
                o.problems().get(0));
    }

    @Test
    void appliedToTheCommandLinesConfigItKeepsMiningOnAndTheRestOfTheConfig() {
        NodeConfig cl = new NodeConfig(NET, Path.of("data"), 0, 18444, new MiningConfig(true, 2, null)).withTxIndex(true);
        AppSettings s = AppSettings.defaults().withListenPort(0).withPayoutAddress("payout")
                .withTrackers(List.of("192.0.2.1:7300"));
        NodeConfig c = NodeStartOptions.merge(s, NET, NodeStartOptions.CommandLine.NONE).applyTo(cl);
        assertEquals(0, c.p2pPort());
        assertEquals(new MiningConfig(true, 2, "payout"), c.mining());
        assertEquals(List.of("192.0.2.1:7300"), texts(c.peers().trackers()));
        assertTrue(c.txIndex());
        assertEquals(0, c.rpcPort());
    }
}
