package org.peerchain.tracker;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.peerchain.p2p.wire.FrameReader;
import org.peerchain.p2p.wire.Message;
import org.peerchain.p2p.wire.MessageCatalog;

/**
 * Fuzz target for the tracker's side of a connection: arbitrary bytes from a client, handled by
 * {@link TrackerServer#converse} in memory with a real registry on SQLite, from one of a few observed
 * addresses. Whatever arrives, the tracker answers only in well-formed frames ({@code peers},
 * {@code pong}, {@code error}), never lets an exception out, and never holds more peers from one
 * address than its cap.
 */
class TrackerAnnounceFuzzTest {
    private static final String[] ADDRESSES = {"127.0.0.1", "10.1.2.3", "192.0.2.7", "2001:db8::1"};
    private static final MessageCatalog REPLIES = MessageCatalog.standard();
    private static Path dir;
    private static RegistryStore store;
    private static PeerRegistry registry;
    private static TrackerServer server;
    private static TrackerConfig config;
    private static final AtomicLong clock = new AtomicLong(1_000_000);

    @BeforeAll
    static void openTracker() throws Exception {
        dir = Files.createTempDirectory("tracker-fuzz");
        config = TrackerConfig.defaults(0, dir.resolve("tracker.db")).withBindAddress("127.0.0.1")
                .withAnnounceRate(1_000_000, 1_000_000);
        store = new RegistryStore(config.database());
        registry = new PeerRegistry(store, clock::get);
        server = new TrackerServer(config, registry, new TrackerMetrics(), key -> { });
    }

    @AfterAll
    static void closeTracker() throws Exception {
        server.close();
        registry.close();
        store.close();
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
        }
        Files.deleteIfExists(dir);
    }

    @FuzzTest
    void trackerAnswersAnyClientBytesWithWellFormedFramesOnly(FuzzedDataProvider data) throws IOException {
        String ip = ADDRESSES[data.consumeInt(0, ADDRESSES.length - 1)];
        clock.addAndGet(data.consumeInt(0, 60_000));
        byte[] fromClient = data.consumeRemainingAsBytes();
        ByteArrayOutputStream toClient = new ByteArrayOutputStream();
        server.converse(new ByteArrayInputStream(fromClient), toClient, ip, () -> { }, () -> { });

        FrameReader replies = new FrameReader(new ByteArrayInputStream(toClient.toByteArray()), REPLIES);
        for (Message m; (m = replies.read()) != null; ) {
            assertTrue(m instanceof Message.Peers || m instanceof Message.Pong || m instanceof Message.Error,
                    "a tracker answers with peers, pong or error, not " + m.type());
            if (m instanceof Message.Error e) {
                assertNotNull(e.code());
                assertTrue(!e.message().isBlank(), "an error frame says what is wrong");
            }
        }
        Map<String, Integer> perAddress = new HashMap<>();
        registry.snapshot().forEach(p -> perAddress.merge(p.key().address(), 1, Integer::sum));
        perAddress.forEach((address, n) -> assertTrue(n <= config.maxPeersPerIp(),
                n + " peers registered from " + address + ", over the cap of " + config.maxPeersPerIp()));
    }
}
