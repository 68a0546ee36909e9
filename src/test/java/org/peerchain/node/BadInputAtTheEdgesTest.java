package org.peerchain.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.consensus.ChainParams;
import org.peerchain.core.Address;
import org.peerchain.node.rpc.RpcClient;
import org.peerchain.node.rpc.RpcCookie;
import org.peerchain.node.rpc.RpcErrors;
import org.peerchain.node.rpc.RpcServer;
import org.peerchain.testing.RegtestBlocks;
import org.peerchain.wallet.Keystore;
import org.peerchain.wallet.RecoveryPhrase;
import org.peerchain.wallet.Wallet;

/**
 * Bad input where a node meets the outside: RPC requests to a real node (malformed, wrongly typed,
 * huge, slow, deeply nested, not UTF-8) and damaged files in its data directory (the chain database,
 * the wallet database, ports.json). Each gets a clear error naming what is wrong; the node keeps
 * serving and keeps its chain; a damaged file is left as it was and the keystore backup still opens.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class BadInputAtTheEdgesTest {
    private static final Duration PROMPT = Duration.ofSeconds(2);
    private static final char[] PASSWORD = "edge password".toCharArray();

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aRealNodeAnswersEveryKindOfBadRequestClearlyWhileOneClientStallsAndKeepsItsChain() throws Exception {
        try (Node node = Node.start(NodeConfig.regtest(dir))) {
            RpcClient rpc = RpcClient.forDataDir(dir);
            String to = new Address(ChainParams.REGTEST.addressPrefix(), RegtestBlocks.keyHash(RegtestBlocks.key("edge"))).encode();
            rpc.call("generatetoaddress", new JsonPrimitive(5), new JsonPrimitive(to));
            String tip = rpc.call("getbestblockhash").getAsString();
            try (Socket slow = stallingClient(node.rpcPort())) {
                assertError(post(node, "{\"method\": getblockcount"), 500, RpcErrors.PARSE_ERROR, "Parse error");
                HttpResponse<String> notJson = post(node, "xx");
                assertError(notJson, 500, RpcErrors.PARSE_ERROR,
                        "Parse error: the request body is not valid JSON (at line 1, column 1)");
                assertFalse(notJson.body().contains("JsonReader") || notJson.body().contains("github"),
                        "no parser internals: " + notJson.body());
                assertError(post(node, "{\"method\":\"getrawtransaction\",\"params\":[\"" + tip
                        + "\", \"yes\"],\"id\":1}"), 500, RpcErrors.TYPE_ERROR, "must be a boolean or a number");
                assertTrue(post(node, "{\"method\":\"getnetworkinfo\",\"id\":1}").body()
                        .contains("\"relayfee\":0.00001000"), "relayfee as an amount of 8 decimals");
                assertError(post(node, new byte[] {'{', (byte) 0xff, '}'}), 500, RpcErrors.PARSE_ERROR, "UTF-8");
                assertError(post(node, "[".repeat(100_000)), 500, RpcErrors.PARSE_ERROR, "Parse error");
                assertError(post(node, "{\"method\":\"getblockhash\",\"params\":[true],\"id\":1}"), 500,
                        RpcErrors.TYPE_ERROR, "height");
                assertError(post(node, "{\"method\":\"getblock\",\"params\":{\"blockhash\":[]},\"id\":1}"), 500,
                        RpcErrors.TYPE_ERROR, "blockhash");
                assertError(post(node, "{\"method\":\"nosuchmethod\",\"id\":1}"), 404, RpcErrors.METHOD_NOT_FOUND,
                        "nosuchmethod");
                assertError(post(node, "{\"method\":42,\"id\":1}"), 400, RpcErrors.INVALID_REQUEST, "Method");
                assertTrue(declareHugeBody(node.rpcPort()).startsWith("HTTP/1.1 413"), "a huge body is refused unread");
                long started = System.nanoTime();
                assertEquals(5, rpc.call("getblockcount").getAsInt());
                assertTrue(System.nanoTime() - started < PROMPT.toNanos(), "answered promptly while a client stalls");
                assertTrue(!slow.isClosed());
            }
            assertEquals(tip, rpc.call("getbestblockhash").getAsString(), "the chain is as it was");
        }
    }

    @Test
    void aTruncatedChainDatabaseIsRefusedNamingTheFileAndIsLeftAsItWas() throws Exception {
        try (Node node = Node.start(NodeConfig.regtest(dir).withRpcPort(NodeConfig.OFF))) {
            for (var b : RegtestBlocks.coinbaseOnlyChain(50, RegtestBlocks.keyHash(RegtestBlocks.key("t")), 1)) {
                node.submitBlock(b);
            }
        }
        Path db = dir.resolve("chain.db");
        byte[] all = Files.readAllBytes(db);
        byte[] half = Arrays.copyOf(all, all.length / 2);
        Files.write(db, half);
        NodeStartException e = assertThrows(NodeStartException.class,
                () -> Node.start(NodeConfig.regtest(dir).withRpcPort(NodeConfig.OFF)).close());
        assertTrue(e.getMessage().contains(db.toString()), e.getMessage());
        assertArrayEquals(half, Files.readAllBytes(db), "the damaged file is left for the user to look at");
    }

    @Test
    void aDamagedWalletDatabaseIsRefusedNamingTheFileAndTheKeystoreAndItsBackupStillOpen() throws Exception {
        try (RecoveryPhrase phrase = RecoveryPhrase.generate(new java.security.SecureRandom())) {
            Wallet.create(dir, ChainParams.REGTEST, PASSWORD.clone(), phrase, "", false, Keystore.MIN_ITERATIONS);
        }
        Node.start(NodeConfig.regtest(dir).withRpcPort(NodeConfig.OFF)).close();
        Path walletDb = dir.resolve(Wallet.DATABASE_FILE);
        byte[] bytes = Files.readAllBytes(walletDb);
        for (int i = 100; i < bytes.length; i += 7) {
            bytes[i] = (byte) (bytes[i] * 31 + 7);
        }
        Files.write(walletDb, bytes);
        Path keystore = dir.resolve(Wallet.KEYSTORE_FILE);
        byte[] keystoreBytes = Files.readAllBytes(keystore);
        NodeStartException e = assertThrows(NodeStartException.class,
                () -> Node.start(NodeConfig.regtest(dir).withRpcPort(NodeConfig.OFF)).close());
        assertTrue(e.getMessage().contains(walletDb.toString()), e.getMessage());
        assertArrayEquals(bytes, Files.readAllBytes(walletDb), "the damaged wallet database is left as it was");
        assertArrayEquals(keystoreBytes, Files.readAllBytes(keystore), "the keystore is untouched");
        Keystore.open(keystore, PASSWORD.clone()).close();
        Keystore.open(Keystore.backupOf(keystore), PASSWORD.clone()).close();
    }

    @Test
    void aDamagedPortsFileIsNamedWithWhatIsWrong() throws Exception {
        Path ports = dir.resolve(RpcClient.PORTS_FILE);
        byte[][] damaged = {
            new byte[0],
            "{\"p2p\": 1, \"rp".getBytes(StandardCharsets.UTF_8),
            "{\"p2p\": 1, \"rpc\": \"high\"}".getBytes(StandardCharsets.UTF_8),
            "{\"p2p\": 1, \"rpc\": 70000}".getBytes(StandardCharsets.UTF_8),
            {(byte) 0xff, (byte) 0xfe, 0, 1},
            "x".repeat(1_000_000).getBytes(StandardCharsets.UTF_8),
        };
        for (byte[] d : damaged) {
            Files.write(ports, d);
            IOException e = assertThrows(IOException.class, () -> RpcClient.readRpcPort(dir));
            assertTrue(e.getMessage().contains(ports.toString()), e.getMessage());
            assertTrue(e.getMessage().length() < 1_000, "the message stays readable: " + e.getMessage().length() + " chars");
            assertArrayEquals(d, Files.readAllBytes(ports));
        }
    }

    private HttpResponse<String> post(Node node, String body) throws Exception {
        return post(node, body.getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> post(Node node, byte[] body) throws Exception {
        RpcCookie cookie = RpcCookie.read(dir.resolve(RpcCookie.FILE_NAME));
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.rpcPort() + "/"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        cookie.userColonPassword().getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return http.send(r, HttpResponse.BodyHandlers.ofString());
    }

    private static void assertError(HttpResponse<String> r, int status, int code, String says) {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""));
        JsonObject error = JsonParser.parseString(r.body()).getAsJsonObject().getAsJsonObject("error");
        assertEquals(code, error.get("code").getAsInt(), r.body());
        assertTrue(error.get("message").getAsString().contains(says), r.body());
    }

    /** Announces a body over the limit; the head of the reply, which comes before the body is sent. */
    private String declareHugeBody(int port) throws IOException {
        RpcCookie cookie = RpcCookie.read(dir.resolve(RpcCookie.FILE_NAME));
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic "
                    + Base64.getEncoder().encodeToString(cookie.userColonPassword().getBytes(StandardCharsets.UTF_8))
                    + "\r\nContent-Length: " + (RpcServer.MAX_BODY_BYTES + 1) + "\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            byte[] head = new byte[12];
            int n = s.getInputStream().readNBytes(head, 0, head.length);
            return new String(head, 0, n, StandardCharsets.US_ASCII);
        }
    }

    /** A client that sends its headers and the first bytes of its body, then nothing. */
    private Socket stallingClient(int port) throws IOException {
        RpcCookie cookie = RpcCookie.read(dir.resolve(RpcCookie.FILE_NAME));
        Socket s = new Socket("127.0.0.1", port);
        OutputStream out = s.getOutputStream();
        out.write(("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic "
                + Base64.getEncoder().encodeToString(cookie.userColonPassword().getBytes(StandardCharsets.UTF_8))
                + "\r\nContent-Length: 100\r\n\r\n{\"method\"").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return s;
    }

}
