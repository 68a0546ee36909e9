package org.peerchain.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerchain.node.TwoNodes.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.consensus.ChainParams;
import org.peerchain.node.api.BanInfo;
import org.peerchain.node.api.NodeEvent;
import org.peerchain.node.api.PeerService;
import org.peerchain.node.api.PeerSource;
import org.peerchain.node.api.PeerStats;
import org.peerchain.p2p.HostPort;

/** The peers service against real regtest nodes on loopback. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class PeerControlsTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final TwoNodes net = new TwoNodes(() -> dir);

    @Test
    void theSnapshotShowsEachPeerWithHowItWasFoundAndTheNodesTraffic() throws Exception {
        Node a = net.a();
        Node b = net.bDialling(a);
        PeerService atA = a.services().peers();
        PeerService atB = b.services().peers();
        await("connected", () -> atA.snapshot().peers().size() == 1 && atB.snapshot().peers().size() == 1);
        PeerStats inbound = atA.snapshot().peers().get(0);
        assertEquals(PeerSource.INBOUND, inbound.source());
        assertTrue(inbound.inbound());
        assertEquals("127.0.0.1", inbound.host());
        assertEquals(PeerSource.MANUAL, atB.snapshot().peers().get(0).source());
        await("traffic counted", () -> atA.snapshot().bytesReceived() > 0 && atA.snapshot().bytesSent() > 0);
        assertTrue(atA.enabled());
        assertTrue(atA.trackers().isEmpty());
    }

    @Test
    void anInboundPeerThatSyncedFromUsIsShownAtTheHeightItReached() throws Exception {
        Node a = net.a();
        WalletNodes.mine(a, org.peerchain.core.KeyHash.wrap(new byte[org.peerchain.core.KeyHash.LENGTH]), 30);
        Node b = net.bDialling(a);
        await("b synced", () -> b.services().chain().height() == 30);
        // b announced height 0 in its handshake and never sends us a block: its requests show how far it got
        await("b shown at 30 at a", () -> a.services().peers().snapshot().peers().stream()
                .anyMatch(p -> p.inbound() && p.height() == 30));
    }

    @Test
    void peersSnapshotsArePublishedAboutOnceASecond() throws Exception {
        Node a = net.a();
        List<NodeEvent.Peers> seen = new CopyOnWriteArrayList<>();
        a.services().subscribe(NodeEvent.Peers.class, seen::add);
        await("three snapshots", () -> seen.size() >= 3);
        long spacing = seen.get(2).snapshot().timeMillis() - seen.get(1).snapshot().timeMillis();
        assertTrue(spacing >= 900 && spacing <= 1_500, "snapshots " + spacing + " ms apart");
    }

    @Test
    void aBanDisconnectsTheHostIsListedAndPublishedAndAnUnbanLiftsIt() throws Exception {
        Node a = net.a();
        Node b = net.bDialling(a);
        PeerService peers = a.services().peers();
        await("connected", () -> peers.snapshot().peers().size() == 1);
        List<NodeEvent.BansChanged> changes = new CopyOnWriteArrayList<>();
        a.services().subscribe(NodeEvent.BansChanged.class, changes::add);

        peers.ban("127.0.0.1", Duration.ofDays(1), "banned by hand");
        await("the peer dropped", () -> peers.snapshot().peers().isEmpty());
        BanInfo ban = peers.bans().get(0);
        assertEquals("127.0.0.1", ban.address());
        assertEquals("banned by hand", ban.reason());
        assertEquals(Duration.ofDays(1).toSeconds(), ban.bannedUntil() - ban.createdAt(), 2);
        await("the ban published", () -> !changes.isEmpty());
        assertEquals(List.of(ban), changes.get(0).bans());

        assertTrue(peers.unban("127.0.0.1"));
        assertTrue(peers.bans().isEmpty());
        await("the unban published", () -> changes.size() >= 2 && changes.get(changes.size() - 1).bans().isEmpty());
        await("the peer back", () -> peers.snapshot().peers().size() == 1);
        assertFalse(peers.unban("127.0.0.1"));
    }

    @Test
    void disconnectDropsThePeerByIdAndAnUnknownIdIsFalse() throws Exception {
        Node a = net.a();
        net.bDialling(a);
        PeerService peers = a.services().peers();
        await("connected", () -> peers.snapshot().peers().size() == 1);
        long id = peers.snapshot().peers().get(0).id();
        assertTrue(peers.disconnect(id));
        await("that connection gone", () -> peers.snapshot().peers().stream().noneMatch(p -> p.id() == id));
        assertFalse(peers.disconnect(id));
    }

    @Test
    void addPeerDialsTheAddressAndKeepsItAndAHostAloneGetsTheNetworksPort() throws Exception {
        Node a = net.a();
        Node b = net.b();
        PeerService peers = b.services().peers();
        peers.addPeer("127.0.0.1:" + a.p2pPort());
        await("connected", () -> peers.snapshot().peers().size() == 1);
        assertEquals(PeerSource.MANUAL, peers.snapshot().peers().get(0).source());
        peers.addPeer("localhost");
        assertTrue(b.network().fixedPeers().contains(new HostPort("localhost", ChainParams.REGTEST.defaultPort())));
    }

    @Test
    void addPeerRefusesMalformedAddressesNamingWhatIsWrong() throws Exception {
        PeerService peers = net.a().services().peers();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> peers.addPeer("")).getMessage().contains("empty"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> peers.addPeer("example.org:abc")).getMessage()
                .contains("port 'abc' is not a number"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> peers.addPeer("example.org:70000")).getMessage()
                .contains("port 70000 is out of range"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> peers.addPeer("not a host:7333")).getMessage()
                .contains("is not a host name or IP address"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> peers.ban("127.0.0.1", Duration.ZERO, "x"))
                .getMessage().contains("must be positive"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> peers.ban("bad host", Duration.ofHours(1), "x"))
                .getMessage().contains("is not a host name or IP address"));
    }

    @Test
    void withP2pOffTheServiceIsDisabledEmptyAndRefusesActions() throws Exception {
        Node n = net.withoutP2p();
        PeerService peers = n.services().peers();
        assertFalse(peers.enabled());
        assertTrue(peers.snapshot().peers().isEmpty());
        assertTrue(peers.bans().isEmpty());
        assertTrue(peers.trackers().isEmpty());
        assertThrows(IllegalStateException.class, () -> peers.disconnect(1));
        assertThrows(IllegalStateException.class, () -> peers.addPeer("127.0.0.1:7333"));
    }

    @Test
    void closingTheNodeStopsTheSnapshotThread() throws Exception {
        Node a = net.a();
        assertTrue(a.services().peers().enabled());
        net.stop(a);
        await("no snapshot thread left", () -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().equals("peer-snapshots") && t.isAlive()));
    }
}
