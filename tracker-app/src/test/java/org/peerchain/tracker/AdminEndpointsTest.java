package org.peerchain.tracker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.p2p.wire.FrameReader;
import org.peerchain.p2p.wire.FrameWriter;
import org.peerchain.p2p.wire.Message;
import org.peerchain.p2p.wire.MessageCatalog;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AdminEndpointsTest {
    private static final String NODE_A = "aabbccddeeff0011";
    private static final String NODE_B = "aabbccddeeff0022";

    @TempDir
    Path dir;
    private Tracker tracker;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void close() {
        if (tracker != null) {
            tracker.close();
        }
    }

    private Tracker start(String statusBind) throws Exception {
        tracker = Tracker.start(TrackerConfig.defaults(0, dir.resolve("tracker.db")).withBindAddress("127.0.0.1")
                .withPingInterval(Duration.ofHours(1)).withStatus(statusBind, 0));
        return tracker;
    }

    /** A request to the status port carrying the admin cookie, read from its file as an operator's curl does. */
    private HttpRequest.Builder admin(String pathAndQuery) throws Exception {
        String cookie = Files.readString(tracker.adminCookieFile().orElseThrow(), StandardCharsets.UTF_8).strip();
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + tracker.statusPort() + pathAndQuery))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(cookie.getBytes(StandardCharsets.UTF_8)));
    }

    private HttpResponse<String> post(String pathAndQuery) throws Exception {
        return http.send(admin(pathAndQuery).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(HttpResponse<String> r) {
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""));
        return JsonParser.parseString(r.body()).getAsJsonObject();
    }

    @Test
    void aBanByPostRemovesTheAddressesPeersRefusesItsConnectionsAndIsListed() throws Exception {
        start("127.0.0.1");
        tracker.registry().announce(new PeerKey("regtest", "127.0.0.2", 9001), NODE_A, 1, 5, 8);
        tracker.registry().announce(new PeerKey("test", "127.0.0.2", 9002), NODE_B, 1, 5, 8);

        HttpResponse<String> r = post("/ban?ip=127.0.0.2&reason=flooding%20announces");
        assertEquals(200, r.statusCode(), r.body());
        JsonObject o = json(r);
        assertEquals("127.0.0.2", o.get("banned").getAsString());
        assertEquals("flooding announces", o.get("reason").getAsString());
        assertEquals(2, o.get("removedPeers").getAsInt());
        assertEquals(0, tracker.registry().size());
        assertTrue(tracker.metricsText().contains("peerchain_tracker_bans_total 1"));

        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress("127.0.0.2", 0));
            s.connect(new InetSocketAddress("127.0.0.1", tracker.port()), 5_000);
            s.setSoTimeout(5_000);
            new FrameWriter(s.getOutputStream()).tryWrite(new Message.GetPeers("regtest"));
            Message m = new FrameReader(s.getInputStream(), MessageCatalog.standard()).read();
            assertEquals(TrackerServer.BANNED, assertInstanceOf(Message.Error.class, m).code());
        }

        HttpResponse<String> list = http.send(admin("/bans").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, list.statusCode());
        JsonObject bans = json(list);
        assertEquals(1, bans.get("count").getAsInt());
        assertEquals("127.0.0.2", bans.getAsJsonArray("bans").get(0).getAsJsonObject().get("address").getAsString());
    }

    @Test
    void aFormBodyAsCurlDashDSendsItWorksLikeAQuery() throws Exception {
        start("127.0.0.1");
        HttpResponse<String> r = http.send(admin("/ban")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("ip=10.0.0.9&reason=spam+bot")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("spam bot", tracker.registry().bans().get("10.0.0.9"));
    }

    @Test
    void unbanLiftsABanAndSaysWhenThereWasNone() throws Exception {
        start("127.0.0.1");
        tracker.ban("10.0.0.7", "test");
        HttpResponse<String> r = post("/unban?ip=10.0.0.7");
        assertEquals(200, r.statusCode(), r.body());
        assertFalse(tracker.registry().isBanned("10.0.0.7"));
        HttpResponse<String> again = post("/unban?ip=10.0.0.7");
        assertEquals(404, again.statusCode());
        assertEquals("10.0.0.7 is not banned", json(again).get("error").getAsString());
    }

    @Test
    void kickRemovesOnlyThePeerAtThatAddressAndPort() throws Exception {
        start("127.0.0.1");
        tracker.registry().announce(new PeerKey("regtest", "10.0.0.5", 9001), NODE_A, 1, 5, 8);
        tracker.registry().announce(new PeerKey("regtest", "10.0.0.5", 9002), NODE_B, 1, 5, 8);
        HttpResponse<String> r = post("/kick?ip=10.0.0.5&port=9001&network=regtest");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("regtest/10.0.0.5:9001", json(r).getAsJsonArray("kicked").get(0).getAsString());
        assertEquals(Optional.empty(), tracker.registry().snapshotOf(new PeerKey("regtest", "10.0.0.5", 9001)));
        assertTrue(tracker.registry().snapshotOf(new PeerKey("regtest", "10.0.0.5", 9002)).isPresent());
        assertFalse(tracker.registry().isBanned("10.0.0.5"), "a kicked peer may announce again");
        HttpResponse<String> again = post("/kick?ip=10.0.0.5&port=9001");
        assertEquals(404, again.statusCode());
        assertTrue(json(again).get("error").getAsString().contains("no registered peer at"));
    }

    @Test
    void badRequestsGetAnErrorNamingWhatIsWrongAndChangeNothing() throws Exception {
        start("127.0.0.1");
        assertEquals("missing parameter \"ip\"", json(post("/ban")).get("error").getAsString());
        HttpResponse<String> name = post("/ban?ip=example.com");
        assertEquals(400, name.statusCode());
        assertTrue(json(name).get("error").getAsString().contains("\"example.com\" is not an IP address"));
        assertEquals(400, post("/ban?ip=256.1.1.1").statusCode());
        assertEquals(400, post("/ban?ip=10.0.0.1&reason=" + "x".repeat(AdminEndpoints.MAX_REASON_LENGTH + 1)).statusCode());
        assertTrue(json(post("/kick?ip=10.0.0.1&port=70000")).get("error").getAsString().contains("not a port number"));
        assertTrue(json(post("/kick?ip=10.0.0.1")).get("error").getAsString().contains("missing parameter \"port\""));

        HttpResponse<String> get = http.send(admin("/ban?ip=10.0.0.1").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, get.statusCode());
        assertEquals("POST", get.headers().firstValue("Allow").orElse(""));

        HttpResponse<String> fromPage = http.send(admin("/ban?ip=10.0.0.1").header("Origin", "http://evil.example")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, fromPage.statusCode());
        assertEquals(Collections.emptyMap(), tracker.registry().bans(), "nothing was banned");
    }

    @Test
    void anAdminRequestFromAnotherMachinesAddressIsRefusedEvenWhenTheStatusPortIsPublic() throws Exception {
        Optional<InetAddress> external = NetworkInterface.networkInterfaces().filter(AdminEndpointsTest::up)
                .flatMap(NetworkInterface::inetAddresses).filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress())
                .findFirst();
        Assumptions.assumeTrue(external.isPresent(), "this machine has no non-loopback IPv4 address");
        start("0.0.0.0");
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(external.get(), 0));
            s.connect(new InetSocketAddress(external.get(), tracker.statusPort()), 5_000);
            s.setSoTimeout(5_000);
            s.getOutputStream().write(("POST /ban?ip=10.0.0.1 HTTP/1.1\r\nHost: tracker\r\nContent-Length: 0\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            assertEquals("HTTP/1.1 403 Forbidden", in.readLine());
        }
        assertFalse(tracker.registry().isBanned("10.0.0.1"));
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + tracker.statusPort()
                + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, metrics.statusCode(), "reading the status stays open to all");
    }

    @Test
    void addressesAreLiteralAndCanonicalAsTheTrackerObservesThem() {
        assertEquals("10.1.2.3", AdminEndpoints.literalAddress(" 10.1.2.3 "));
        assertEquals("0:0:0:0:0:0:0:1", AdminEndpoints.literalAddress("::1"));
        assertEquals("10.0.0.1", AdminEndpoints.literalAddress("::ffff:10.0.0.1"));
        assertThrows(IllegalArgumentException.class, () -> AdminEndpoints.literalAddress("localhost"));
        assertThrows(IllegalArgumentException.class, () -> AdminEndpoints.literalAddress("1.2.3"));
        assertThrows(IllegalArgumentException.class, () -> AdminEndpoints.literalAddress("::g"));
    }

    private static boolean up(NetworkInterface i) {
        try {
            return i.isUp() && !i.isLoopback();
        } catch (java.net.SocketException e) {
            return false;
        }
    }
}
