package org.peerchain.node.rpc;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A server with a few bitcoind-shaped methods, and raw HTTP helpers to talk to it. */
final class RpcTestSupport {
    static final String BEST_HASH = "00000000000000000000000000000000000000000000000000000000000000ab";
    static final long BLOCK_COUNT = 42;
    final AtomicInteger pings = new AtomicInteger();
    final RpcMethods methods = new RpcMethods();
    final RpcServer server;
    final RpcCookie cookie;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    RpcTestSupport(Path datadir) throws IOException {
        this(datadir, RpcServer.Limits.DEFAULT);
    }

    RpcTestSupport(Path datadir, RpcServer.Limits limits) throws IOException {
        methods.register("getblockcount", List.of(), p -> new JsonPrimitive(BLOCK_COUNT));
        methods.register("getbestblockhash", List.of(), p -> new JsonPrimitive(BEST_HASH));
        methods.register("getblockhash", List.of("height"), p -> {
            long h = p.requireLong(0, "height");
            if (h < 0 || h > BLOCK_COUNT) {
                throw new RpcException(RpcErrors.INVALID_PARAMETER, "Block height out of range");
            }
            return new JsonPrimitive(String.format("%064x", h));
        });
        methods.register("echo", List.of("first", "second", "third"), p -> {
            var a = new com.google.gson.JsonArray();
            for (int i = 0; i < p.size(); i++) {
                a.add(p.get(i));
            }
            return a;
        });
        methods.register("ping", List.of(), p -> {
            pings.incrementAndGet();
            return JsonNull.INSTANCE;
        });
        methods.register("crash", List.of(), p -> {
            throw new IllegalStateException("the handler has a bug");
        });
        server = RpcServer.start(0, datadir.resolve(RpcCookie.FILE_NAME), methods, limits);
        cookie = RpcCookie.read(datadir.resolve(RpcCookie.FILE_NAME));
    }

    String basicAuth(String password) {
        return "Basic " + Base64.getEncoder().encodeToString((RpcCookie.USER + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<String> post(String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri("/")).header("Authorization", basicAuth(cookie.password()))
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    HttpResponse<String> send(HttpRequest.Builder b) throws IOException, InterruptedException {
        return http.send(b.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    static JsonElement json(String s) {
        return JsonParser.parseString(s);
    }
}
