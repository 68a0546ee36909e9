package org.peerchain.node.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The server over real HTTP on an ephemeral port: authentication, bitcoind's dialect, limits. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RpcServerTest {
    @TempDir
    Path dir;
    RpcTestSupport t;

    @BeforeEach
    void start() throws IOException {
        t = new RpcTestSupport(dir);
    }

    @AfterEach
    void stop() {
        t.server.close();
    }

    private static JsonObject obj(HttpResponse<String> r) {
        return RpcTestSupport.json(r.body()).getAsJsonObject();
    }

    @Test
    void listensOnTheLoopbackAddressOnly() {
        assertTrue(t.server.address().getAddress().isLoopbackAddress(), t.server.address().toString());
        assertEquals("127.0.0.1", t.server.address().getAddress().getHostAddress());
        assertTrue(t.server.port() > 0);
    }

    @Test
    void writesAnOwnerOnlyCookieOfOneLineAndRemovesItOnClose() throws IOException {
        Path cookie = dir.resolve(".cookie");
        String text = Files.readString(cookie);
        assertTrue(text.matches("__cookie__:[0-9a-f]{64}\\n"), text);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cookie)));
        t.server.close();
        assertFalse(Files.exists(cookie));
    }

    @Test
    void refusesAWrongOrMissingPasswordWith401AndNothingElse() throws Exception {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"getblockcount\"}";
        HttpResponse<String> wrong = t.send(HttpRequest.newBuilder(t.uri("/"))
                .header("Authorization", t.basicAuth("0".repeat(64))).POST(HttpRequest.BodyPublishers.ofString(body)));
        assertEquals(401, wrong.statusCode());
        assertEquals("", wrong.body());
        assertEquals("Basic realm=\"jsonrpc\"", wrong.headers().firstValue("WWW-Authenticate").orElseThrow());

        HttpResponse<String> missing = t.send(HttpRequest.newBuilder(t.uri("/")).POST(HttpRequest.BodyPublishers.ofString(body)));
        assertEquals(401, missing.statusCode());
        assertEquals("", missing.body());

        HttpResponse<String> garbage = t.send(HttpRequest.newBuilder(t.uri("/"))
                .header("Authorization", "Basic !!!notbase64").POST(HttpRequest.BodyPublishers.ofString(body)));
        assertEquals(401, garbage.statusCode());
    }

    @Test
    void answersA20RequestWithResultOnlyAsApplicationJson() throws Exception {
        HttpResponse<String> r = t.post("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"getblockcount\",\"params\":[]}");
        assertEquals(200, r.statusCode());
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElseThrow());
        JsonObject o = obj(r);
        assertEquals("2.0", o.get("jsonrpc").getAsString());
        assertEquals(42, o.get("result").getAsLong());
        assertFalse(o.has("error"));
        assertEquals(7, o.get("id").getAsInt());
    }

    @Test
    void answersA20ErrorWithStatus200AndErrorOnly() throws Exception {
        HttpResponse<String> r = t.post("{\"jsonrpc\":\"2.0\",\"id\":\"x\",\"method\":\"nosuchmethod\"}");
        assertEquals(200, r.statusCode());
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElseThrow());
        JsonObject o = obj(r);
        assertFalse(o.has("result"));
        assertEquals(RpcErrors.METHOD_NOT_FOUND, o.getAsJsonObject("error").get("code").getAsInt());
        assertTrue(o.getAsJsonObject("error").get("message").getAsString().contains("nosuchmethod"));
        assertEquals("x", o.get("id").getAsString());

        JsonObject app = obj(t.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"getblockhash\",\"params\":[1000]}"));
        assertEquals(RpcErrors.INVALID_PARAMETER, app.getAsJsonObject("error").get("code").getAsInt());
        assertEquals("Block height out of range", app.getAsJsonObject("error").get("message").getAsString());
    }

    @Test
    void answersALegacyRequestWithResultErrorAndIdAllPresent() throws Exception {
        for (String version : new String[] {"", "\"jsonrpc\":\"1.0\","}) {
            HttpResponse<String> r = t.post("{" + version + "\"id\":\"curltest\",\"method\":\"getbestblockhash\",\"params\":[]}");
            assertEquals(200, r.statusCode());
            JsonObject o = obj(r);
            assertEquals(RpcTestSupport.BEST_HASH, o.get("result").getAsString());
            assertTrue(o.has("error") && o.get("error").isJsonNull(), r.body());
            assertEquals("curltest", o.get("id").getAsString());
            assertFalse(o.has("jsonrpc"));
        }
    }

    @Test
    void givesLegacyErrorsBitcoindsHttpStatuses() throws Exception {
        HttpResponse<String> notFound = t.post("{\"id\":1,\"method\":\"nosuchmethod\"}");
        assertEquals(404, notFound.statusCode());
        assertEquals("application/json", notFound.headers().firstValue("Content-Type").orElseThrow());
        JsonObject o = obj(notFound);
        assertTrue(o.get("result").isJsonNull());
        assertEquals(RpcErrors.METHOD_NOT_FOUND, o.getAsJsonObject("error").get("code").getAsInt());
        assertEquals(1, o.get("id").getAsInt());

        HttpResponse<String> appError = t.post("{\"id\":2,\"method\":\"getblockhash\",\"params\":[1000]}");
        assertEquals(500, appError.statusCode());
        assertEquals(RpcErrors.INVALID_PARAMETER, obj(appError).getAsJsonObject("error").get("code").getAsInt());

        HttpResponse<String> invalid = t.post("{\"id\":3,\"params\":[]}");
        assertEquals(400, invalid.statusCode());
        assertEquals(RpcErrors.INVALID_REQUEST, obj(invalid).getAsJsonObject("error").get("code").getAsInt());
        assertEquals(3, obj(invalid).get("id").getAsInt());

        HttpResponse<String> parse = t.post("{\"id\":4,\"method\":");
        assertEquals(500, parse.statusCode());
        assertEquals(RpcErrors.PARSE_ERROR, obj(parse).getAsJsonObject("error").get("code").getAsInt());
        assertTrue(obj(parse).get("id").isJsonNull());
    }

    @Test
    void rejectsWhatIsNotStrictJsonAsAParseError() throws Exception {
        String[] bad = {"", "{'method':'getblockcount'}", "{\"method\":\"getblockcount\"} trailing", "[".repeat(100_000),
            "42", "{\"method\":\"getblockcount\",\"id\":NaN}"};
        for (String body : bad) {
            HttpResponse<String> r = t.post(body);
            assertEquals(500, r.statusCode(), body.length() > 40 ? body.substring(0, 40) : body);
            assertEquals(RpcErrors.PARSE_ERROR, obj(r).getAsJsonObject("error").get("code").getAsInt());
        }
        byte[] invalidUtf8 = {'{', '"', 'm', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        HttpResponse<String> r = t.send(HttpRequest.newBuilder(t.uri("/")).header("Authorization", t.basicAuth(t.cookie.password()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(invalidUtf8)));
        assertEquals(RpcErrors.PARSE_ERROR, obj(r).getAsJsonObject("error").get("code").getAsInt());
        assertEquals(42, obj(t.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"getblockcount\"}")).get("result").getAsInt());
    }

    @Test
    void rejectsMalformedRequestObjectsAsInvalidRequests() throws Exception {
        String[] bad = {
            "{\"jsonrpc\":\"2.0\",\"id\":1}",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":5}",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\",\"params\":\"x\"}",
            "{\"jsonrpc\":\"3.0\",\"id\":1,\"method\":\"getblockcount\"}",
            "{\"jsonrpc\":2,\"id\":1,\"method\":\"getblockcount\"}",
        };
        for (String body : bad) {
            JsonObject o = obj(t.post(body));
            assertEquals(RpcErrors.INVALID_REQUEST, o.getAsJsonObject("error").get("code").getAsInt(), body);
            assertEquals(1, o.get("id").getAsInt(), body);
        }
    }

    @Test
    void echoesIdsExactlyAsSentIncludingNumbersBeyond2To53() throws Exception {
        String[] ids = {"18446744073709551617", "9007199254740993", "-5", "1.5e300", "\"abc\"", "null", "0"};
        for (String id : ids) {
            for (String version : new String[] {"\"jsonrpc\":\"2.0\",", ""}) {
                HttpResponse<String> r = t.post("{" + version + "\"id\":" + id + ",\"method\":\"getblockcount\"}");
                assertTrue(r.body().contains("\"id\":" + id + "}"), r.body());
            }
        }
    }

    @Test
    void executesNotificationsWithoutReplying() throws Exception {
        HttpResponse<String> r = t.post("{\"jsonrpc\":\"2.0\",\"method\":\"ping\"}");
        assertEquals(204, r.statusCode());
        assertEquals("", r.body());
        assertEquals(1, t.pings.get());
    }

    @Test
    void answersABatchWithAnArrayOfTheRepliesOfItsNonNotifications() throws Exception {
        HttpResponse<String> r = t.post("""
                [{"jsonrpc":"2.0","id":1,"method":"getblockcount"},
                 {"jsonrpc":"2.0","method":"ping"},
                 {"jsonrpc":"2.0","id":2,"method":"nosuchmethod"},
                 {"id":3,"method":"getbestblockhash"},
                 7]""");
        assertEquals(200, r.statusCode());
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElseThrow());
        JsonArray a = RpcTestSupport.json(r.body()).getAsJsonArray();
        assertEquals(4, a.size(), r.body());
        assertEquals(42, a.get(0).getAsJsonObject().get("result").getAsInt());
        assertEquals(RpcErrors.METHOD_NOT_FOUND, a.get(1).getAsJsonObject().getAsJsonObject("error").get("code").getAsInt());
        assertFalse(a.get(1).getAsJsonObject().has("result"));
        JsonObject legacy = a.get(2).getAsJsonObject();
        assertEquals(RpcTestSupport.BEST_HASH, legacy.get("result").getAsString());
        assertTrue(legacy.get("error").isJsonNull());
        assertEquals(RpcErrors.INVALID_REQUEST, a.get(3).getAsJsonObject().getAsJsonObject("error").get("code").getAsInt());
        assertEquals(1, t.pings.get());
    }

    @Test
    void answersABatchOfOnlyNotificationsWith204AndNoBody() throws Exception {
        HttpResponse<String> r = t.post("[{\"jsonrpc\":\"2.0\",\"method\":\"ping\"},{\"jsonrpc\":\"2.0\",\"method\":\"ping\"}]");
        assertEquals(204, r.statusCode());
        assertEquals("", r.body());
        assertEquals(2, t.pings.get());
    }

    @Test
    void treatsAnEmptyBatchAsAnInvalidRequest() throws Exception {
        HttpResponse<String> r = t.post("[]");
        assertEquals(200, r.statusCode());
        JsonObject o = obj(r);
        assertEquals(RpcErrors.INVALID_REQUEST, o.getAsJsonObject("error").get("code").getAsInt());
        assertTrue(o.get("id").isJsonNull());
    }

    @Test
    void mapsNamedParamsToPositionsByTheirBitcoindNames() throws Exception {
        JsonObject o = obj(t.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"getblockhash\",\"params\":{\"height\":3}}"));
        assertEquals(String.format("%064x", 3), o.get("result").getAsString());
        JsonObject holes = obj(t.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\",\"params\":{\"second\":\"b\"}}"));
        assertEquals(RpcTestSupport.json("[null,\"b\"]"), holes.get("result"));
    }

    @Test
    void rejectsAnUnknownNamedParamNamingIt() throws Exception {
        JsonObject o = obj(t.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"getblockhash\",\"params\":{\"heigth\":3}}"));
        JsonObject e = o.getAsJsonObject("error");
        assertEquals(RpcErrors.INVALID_PARAMETER, e.get("code").getAsInt());
        assertTrue(e.get("message").getAsString().contains("Unknown named parameter heigth"), e.toString());
    }

    @Test
    void rejectsTooManyParamsAndWrongTypesAsBitcoindDoes() throws Exception {
        JsonObject many = obj(t.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"getblockhash\",\"params\":[1,2]}"))
                .getAsJsonObject("error");
        assertEquals(RpcErrors.MISC_ERROR, many.get("code").getAsInt());
        assertTrue(many.get("message").getAsString().contains("getblockhash height"), many.toString());

        JsonObject type = obj(t.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"getblockhash\",\"params\":[\"1\"]}"))
                .getAsJsonObject("error");
        assertEquals(RpcErrors.TYPE_ERROR, type.get("code").getAsInt());
        assertTrue(type.get("message").getAsString().contains("parameter 1 (height)"), type.toString());

        JsonObject missing = obj(t.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"getblockhash\"}")).getAsJsonObject("error");
        assertEquals(RpcErrors.MISC_ERROR, missing.get("code").getAsInt());
        assertTrue(missing.get("message").getAsString().contains("height"), missing.toString());

        JsonObject fraction = obj(t.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"getblockhash\",\"params\":[1.5]}"))
                .getAsJsonObject("error");
        assertEquals(RpcErrors.INVALID_PARAMETER, fraction.get("code").getAsInt());
    }

    @Test
    void turnsAHandlerBugIntoAnErrorAndKeepsServing() throws Exception {
        JsonObject e = obj(t.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"crash\"}")).getAsJsonObject("error");
        assertEquals(RpcErrors.MISC_ERROR, e.get("code").getAsInt());
        assertTrue(e.get("message").getAsString().contains("the handler has a bug"), e.toString());
        HttpResponse<String> legacy = t.post("{\"id\":1,\"method\":\"crash\"}");
        assertEquals(500, legacy.statusCode());
        assertEquals(42, obj(t.post("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"getblockcount\"}")).get("result").getAsInt());
    }

    @Test
    void answersEveryCallWithInWarmupWhileWarmingUp() throws Exception {
        t.server.setWarmup("Loading block index");
        JsonObject e = obj(t.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"getblockcount\"}")).getAsJsonObject("error");
        assertEquals(RpcErrors.IN_WARMUP, e.get("code").getAsInt());
        assertEquals("Loading block index", e.get("message").getAsString());
        t.server.clearWarmup();
        assertEquals(42, obj(t.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"getblockcount\"}")).get("result").getAsInt());
    }

    @Test
    void servesOnlyPostSlash() throws Exception {
        HttpResponse<String> get = t.send(HttpRequest.newBuilder(t.uri("/")).header("Authorization", t.basicAuth(t.cookie.password())).GET());
        assertEquals(405, get.statusCode());
        assertTrue(get.body().contains("only POST"), get.body());
        HttpResponse<String> path = t.send(HttpRequest.newBuilder(t.uri("/wallet/x")).header("Authorization", t.basicAuth(t.cookie.password()))
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertEquals(404, path.statusCode());
        assertTrue(path.body().contains("POST /"), path.body());
    }

    @Test
    void refusesABodyDeclaredLargerThanTheLimitWithoutReadingIt() throws Exception {
        try (Socket s = new Socket("127.0.0.1", t.server.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + t.basicAuth(t.cookie.password())
                    + "\r\nContent-Length: " + (RpcServer.MAX_BODY_BYTES + 1) + "\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String reply = readHead(s.getInputStream());
            assertTrue(reply.startsWith("HTTP/1.1 413"), reply);
        }
    }

    @Test
    void refusesAChunkedBodyThatGrowsPastTheLimit() throws Exception {
        byte[] big = new byte[RpcServer.MAX_BODY_BYTES + 10];
        java.util.Arrays.fill(big, (byte) ' ');
        HttpResponse<String> r = t.send(HttpRequest.newBuilder(t.uri("/")).header("Authorization", t.basicAuth(t.cookie.password()))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big))));
        assertEquals(413, r.statusCode());
        assertTrue(r.body().contains("limit is " + RpcServer.MAX_BODY_BYTES), r.body());
    }

    @Test
    void keepsAnsweringOthersWhileOneClientTricklesItsBody() throws Exception {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":99,\"method\":\"getblockcount\"}";
        try (Socket slow = new Socket("127.0.0.1", t.server.port())) {
            slow.setSoTimeout(20_000);
            OutputStream out = slow.getOutputStream();
            out.write(("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + t.basicAuth(t.cookie.password())
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
            int answered = 0;
            for (int i = 0; i < bytes.length; i++) {
                out.write(bytes[i]);
                out.flush();
                if (i % 10 == 0) {
                    // Another client is answered at once while the slow body is half sent.
                    CompletableFuture<HttpResponse<String>> other = CompletableFuture.supplyAsync(() -> {
                        try {
                            return t.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"getblockcount\"}");
                        } catch (IOException | InterruptedException e) {
                            throw new IllegalStateException(e);
                        }
                    });
                    assertEquals(42, obj(other.get(5, TimeUnit.SECONDS)).get("result").getAsInt());
                    answered++;
                }
            }
            assertTrue(answered >= 5);
            String reply = readAll(slow.getInputStream());
            assertTrue(reply.startsWith("HTTP/1.1 200"), reply);
            assertTrue(reply.contains("\"id\":99"), reply);
        }
    }

    /** Reads up to the end of the HTTP head. */
    private static String readHead(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            sb.append((char) c);
            if (sb.toString().endsWith("\r\n\r\n")) {
                break;
            }
        }
        return sb.toString();
    }

    /** Reads a whole response with a Content-Length. */
    private static String readAll(InputStream in) throws IOException {
        String head = readHead(in);
        int length = 0;
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        return head + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

}
