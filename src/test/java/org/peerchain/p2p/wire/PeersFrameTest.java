package org.peerchain.p2p.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class PeersFrameTest {
    private static final String NODE = "00112233445566778899aabbccddeeff";

    private static byte[] assembled(List<Message.PeerAddress> peers) throws IOException {
        byte[][] entries = peers.stream().map(PeersFrame::entry).toArray(byte[][]::new);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PeersFrame.write(out, entries);
        return out.toByteArray();
    }

    @Test
    void aFrameJoinedFromPreEncodedEntriesIsByteForByteTheCodecsEncoding() throws IOException {
        List<Message.PeerAddress> peers = List.of(
                new Message.PeerAddress("127.0.0.1", 1, NODE, 0),
                new Message.PeerAddress("2001:db8::1", 65_535, NODE, Long.MAX_VALUE),
                new Message.PeerAddress("host\"with\\odd\u2028chars", 18444, NODE, 42),
                new Message.PeerAddress("fe80::1%eth0", 18444, NODE, 7),
                new Message.PeerAddress("<b>&'=~ ", 2, NODE, 1),
                new Message.PeerAddress("ctl\u0001\u007f", 3, NODE, 2),
                new Message.PeerAddress("h\u00e9te", 4, "\u00e9" + NODE, 3));
        for (int n = 0; n <= peers.size(); n++) {
            List<Message.PeerAddress> some = peers.subList(0, n);
            assertArrayEquals(WireCodec.encode(new Message.Peers(some)), assembled(some), n + " entries");
        }
    }

    @Test
    void anAssembledFrameDecodesToTheSamePeers() throws IOException {
        List<Message.PeerAddress> peers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            peers.add(new Message.PeerAddress("10.0.0." + i, 1000 + i, NODE, i));
        }
        FrameReader r = new FrameReader(new ByteArrayInputStream(assembled(peers)), MessageCatalog.standard());
        assertEquals(new Message.Peers(peers), r.read());
    }

    @Test
    void refusesMorePeersThanOneMessageMayHold() {
        byte[][] entries = new byte[Message.MAX_PEERS_PER_MESSAGE + 1][];
        java.util.Arrays.fill(entries, PeersFrame.entry(new Message.PeerAddress("127.0.0.1", 1, NODE, 0)));
        assertThrows(IllegalArgumentException.class, () -> PeersFrame.write(new ByteArrayOutputStream(), entries));
    }
}
