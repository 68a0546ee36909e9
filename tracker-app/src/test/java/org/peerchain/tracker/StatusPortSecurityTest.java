package org.peerchain.tracker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.p2p.wire.FrameReader;
import org.peerchain.p2p.wire.FrameWriter;
import org.peerchain.p2p.wire.Message;
import org.peerchain.p2p.wire.MessageCatalog;

/**
 * Security round 2, finding 10: the status port's admin actions need the admin cookie, and what only an operator
 * reads is refused to a request naming another host (a DNS-rebinding web page). Real tracker, real HTTP over TCP,
 * requests written by hand so that every header is the test's own.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StatusPortSecurityTest {
    private static final int SOCKET_TIMEOUT_MILLIS = 5_000;

    @TempDir
    Path dir;
    private Tracker tracker;

    @AfterEach
    void close() {
        if (tracker != null) {
            tracker.close();
        }
    }

    private Tracker start() throws IOException {
        tracker = Tracker.start(TrackerConfig.defaults(0, dir.resolve("tracker.db")).withBindAddress("127.0.0.1")
                .withPingInterval(Duration.ofHours(1)).withStatus("127.0.0.1", 0));
        return tracker;
    }

    /** The admin cookie as an operator's curl reads it: the file beside the database. */
    private Path cookieFile() {
        return dir.resolve("tracker.db.cookie");
    }

    private String basicFromFile() throws IOException {
        String line = Files.readString(cookieFile(), StandardCharsets.UTF_8).strip();
        return "Basic " + Base64.getEncoder().encodeToString(line.getBytes(StandardCharsets.UTF_8));
    }

    record Reply(int status, String body) {
        JsonObject json() {
            return JsonParser.parseString(body).getAsJsonObject();
        }

        String error() {
            return json().get("error").getAsString();
        }
    }

    /** One HTTP/1.1 request on its own connection; {@code host} and {@code authorization} are left out when null. */
    private Reply send(String method, String pathAndQuery, String host, String authorization) throws IOException {
        StringBuilder request = new StringBuilder(method + " " + pathAndQuery + " HTTP/1.1\r\n");
        if (host != null) {
            request.append("Host: ").append(host).append("\r\n");
        }
        if (authorization != null) {
            request.append("Authorization: ").append(authorization).append("\r\n");
        }
        request.append("Content-Length: 0\r\nConnection: close\r\n\r\n");
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", tracker.statusPort()), SOCKET_TIMEOUT_MILLIS);
            s.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
            s.getOutputStream().write(request.toString().getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            String all = readAll(s.getInputStream());
            int statusEnd = all.indexOf("\r\n");
            int bodyStart = all.indexOf("\r\n\r\n");
            int status = Integer.parseInt(all.substring(0, statusEnd).split(" ")[1]);
            return new Reply(status, bodyStart < 0 ? "" : all.substring(bodyStart + 4));
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private String localHost() {
        return "127.0.0.1:" + tracker.statusPort();
    }

    // --- the admin cookie ---

    @Test
    void aBanWithoutTheAdminCookieIsRefusedAndBansNobody() throws Exception {
        start();
        Reply none = send("POST", "/ban?ip=10.0.0.1", localHost(), null);
        assertEquals(401, none.status(), none.body());
        assertTrue(none.error().contains(cookieFile().getFileName().toString()), none.error());
        String wrong = "Basic " + Base64.getEncoder().encodeToString(("__cookie__:" + "0".repeat(64))
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(401, send("POST", "/ban?ip=10.0.0.1", localHost(), wrong).status());
        assertEquals(401, send("POST", "/kick?ip=10.0.0.1&port=9000", localHost(), null).status());
        assertEquals(401, send("POST", "/unban?ip=10.0.0.1", localHost(), null).status());
        assertEquals(401, send("GET", "/bans", localHost(), null).status());
        assertFalse(tracker.registry().isBanned("10.0.0.1"), "nothing was banned");

        Reply withCookie = send("POST", "/ban?ip=10.0.0.1", localHost(), basicFromFile());
        assertEquals(200, withCookie.status(), withCookie.body());
        assertTrue(tracker.registry().isBanned("10.0.0.1"));
    }

    @Test
    void theAdminCookieIsFreshAtEachStartReadableByItsOwnerOnlyAndGoneAfterAStop() throws Exception {
        start();
        assertTrue(Files.exists(cookieFile()), "the cookie is written beside the database");
        String first = Files.readString(cookieFile(), StandardCharsets.UTF_8).strip();
        assertTrue(first.matches("__cookie__:[0-9a-f]{64}"), first);
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cookieFile())));
        }
        tracker.close();
        tracker = null;
        assertFalse(Files.exists(cookieFile()), "a clean stop removes the cookie");
        start();
        assertNotEquals(first, Files.readString(cookieFile(), StandardCharsets.UTF_8).strip(), "a new start, a new cookie");
    }

    @Test
    void aTrackerInANodesDataDirectoryLeavesTheNodesRpcCookieAlone() throws Exception {
        Path rpcCookie = dir.resolve(".cookie");
        Files.writeString(rpcCookie, "__cookie__:" + "ab".repeat(32) + "\n");
        start();
        assertEquals("__cookie__:" + "ab".repeat(32) + "\n", Files.readString(rpcCookie));
        assertTrue(Files.exists(cookieFile()), "the tracker's own cookie has its own name");
        tracker.close();
        tracker = null;
        assertTrue(Files.exists(rpcCookie), "stopping the tracker leaves the node's cookie");
    }

    // --- the Host header ---

    private static final String NODE_ID = "aabbccddeeff0011aabbccddeeff0011";

    @Test
    void thePeerListIsRefusedToARequestNamingAnotherHostAsADnsRebindingPageWouldSend() throws Exception {
        start();
        tracker.registry().announce(new PeerKey("regtest", "10.0.0.5", 9001), NODE_ID, 1, 5, 8);
        int port = tracker.statusPort();
        for (String host : new String[] {"evil.example:" + port, "evil.example", "127.0.0.1.evil.example:" + port,
                "localhost.evil.example", "10.0.0.8:" + port}) {
            Reply r = send("GET", "/peers", host, null);
            assertEquals(403, r.status(), host + ": " + r.body());
            assertTrue(r.error().contains("Host"), r.error());
            assertFalse(r.body().contains(NODE_ID), "nothing of the registry is given away");
        }
        Reply noHost = send("GET", "/peers", null, null);
        assertEquals(403, noHost.status(), noHost.body());
        for (String host : new String[] {"127.0.0.1:" + port, "localhost:" + port, "LocalHost", "[::1]:" + port,
                "127.0.0.1", "[::1]"}) {
            Reply r = send("GET", "/peers", host, null);
            assertEquals(200, r.status(), host + ": " + r.body());
            assertTrue(r.body().contains(NODE_ID), r.body());
        }
    }

    @Test
    void anAdminActionNamingAnotherHostIsRefusedEvenWithTheCookie() throws Exception {
        start();
        String cookie = basicFromFile();
        for (String host : new String[] {"evil.example:" + tracker.statusPort(), "localhost.evil.example"}) {
            Reply r = send("POST", "/ban?ip=10.0.0.1", host, cookie);
            assertEquals(403, r.status(), host + ": " + r.body());
            assertTrue(r.error().contains("Host"), r.error());
            assertEquals(403, send("GET", "/bans", host, cookie).status());
        }
        assertFalse(tracker.registry().isBanned("10.0.0.1"), "nothing was banned");
        assertEquals(200, send("POST", "/ban?ip=10.0.0.1", "localhost:" + tracker.statusPort(), cookie).status());
    }

    @Test
    void theMetricsAndTheNodesOwnPortStayOpenWhateverTheHost() throws Exception {
        start();
        tracker.registry().announce(new PeerKey("regtest", "10.0.0.5", 9001), NODE_ID, 1, 5, 8);
        Reply metrics = send("GET", "/metrics", "tracker.example.org:9300", null);
        assertEquals(200, metrics.status(), metrics.body());
        assertTrue(metrics.body().contains("peerchain_tracker_peers_live"), metrics.body());
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", tracker.port()), SOCKET_TIMEOUT_MILLIS);
            s.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
            new FrameWriter(s.getOutputStream()).write(new Message.GetPeers("regtest"));
            Message m = new FrameReader(s.getInputStream(), MessageCatalog.standard()).read();
            assertEquals(NODE_ID, assertInstanceOf(Message.Peers.class, m).peers().get(0).nodeId());
        }
    }
}
