package org.peerchain.node.rpc;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;

/** A JSON-RPC 2.0 client for a PeerChain node (or any server speaking bitcoind's dialect). */
public final class RpcClient {
    public static final String PORTS_FILE = "ports.json";
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Long enough for any call the node serves; a call past it fails with a clear message. */
    /** A ports.json is a few dozen bytes; anything past this is not one and is not read. */
    public static final int MAX_PORTS_FILE_BYTES = 4_096;
    public static final Duration CALL_TIMEOUT = Duration.ofMinutes(10);
    private static final Gson GSON = new GsonBuilder().serializeNulls().disableHtmlEscaping().create();

    private final URI uri;
    private final String authorization;
    private final HttpClient http;
    private final AtomicLong nextId = new AtomicLong(1);

    public RpcClient(String host, int port, RpcCookie cookie) {
        this.uri = URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/");
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString(cookie.userColonPassword().getBytes(StandardCharsets.UTF_8));
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .build();
    }

    /** A client for the node whose data directory is {@code datadir}: its port from D/ports.json, its cookie from D/.cookie. */
    public static RpcClient forDataDir(Path datadir) throws IOException {
        return new RpcClient(DEFAULT_HOST, readRpcPort(datadir), RpcCookie.read(datadir.resolve(RpcCookie.FILE_NAME)));
    }

    /** The {@code rpc} field of D/ports.json, written by a running node. */
    public static int readRpcPort(Path datadir) throws IOException {
        Path ports = datadir.resolve(PORTS_FILE);
        String text;
        try {
            if (Files.size(ports) > MAX_PORTS_FILE_BYTES) {
                throw new IOException(ports + " is malformed: " + Files.size(ports) + " bytes, where a ports file is a few dozen");
            }
            text = Files.readString(ports, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(ports.toString(), null, "not found: is a node running with data directory " + datadir + "?");
        } catch (CharacterCodingException e) {
            throw new IOException(ports + " is malformed: it is not UTF-8 text", e);
        }
        try {
            JsonObject o = JsonParser.parseString(text).getAsJsonObject();
            int port = o.get("rpc").getAsInt();
            if (port < 1 || port > 65535) {
                throw new IOException(ports + " holds an invalid rpc port: " + port);
            }
            return port;
        } catch (JsonParseException | IllegalStateException | NullPointerException | UnsupportedOperationException | NumberFormatException e) {
            throw new IOException(ports + " is malformed: expected {\"p2p\": <port>, \"rpc\": <port>}", e);
        }
    }

    public URI uri() {
        return uri;
    }

    /**
     * Calls {@code method} with positional params. Returns its result; a server error is thrown as an
     * {@link RpcException} with the server's code and message, a transport problem as an IOException.
     */
    public JsonElement call(String method, JsonElement... params) throws RpcException, IOException {
        JsonObject req = new JsonObject();
        req.addProperty("jsonrpc", "2.0");
        req.addProperty("id", nextId.getAndIncrement());
        req.addProperty("method", method);
        JsonArray array = new JsonArray();
        for (JsonElement p : params) {
            array.add(p);
        }
        req.add("params", array);
        HttpResponse<String> resp = post(GSON.toJson(req));
        if (resp.statusCode() == 401) {
            throw new IOException("the node at " + uri + " refused the RPC cookie (401): the cookie file is stale or belongs to another node");
        }
        JsonObject reply;
        try {
            reply = JsonParser.parseString(resp.body()).getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new IOException("the server at " + uri + " answered HTTP " + resp.statusCode()
                    + " without a JSON-RPC reply: " + abbreviate(resp.body()));
        }
        JsonElement error = reply.get("error");
        if (error != null && error.isJsonObject()) {
            JsonObject e = error.getAsJsonObject();
            int code = e.has("code") ? e.get("code").getAsInt() : RpcErrors.MISC_ERROR;
            String message = e.has("message") ? e.get("message").getAsString() : GSON.toJson(e);
            throw new RpcException(code, message);
        }
        if (!reply.has("result")) {
            throw new IOException("the server at " + uri + " answered without a result or an error: " + abbreviate(resp.body()));
        }
        return reply.get("result");
    }

    private HttpResponse<String> post(String body) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(CALL_TIMEOUT)
                .header("Authorization", authorization)
                .header("Content-Type", RpcServer.CONTENT_TYPE_JSON)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException e) {
            throw new ConnectException("could not connect to the node's RPC server at " + uri.getHost() + ":" + uri.getPort()
                    + " (is the node running?)");
        } catch (HttpTimeoutException e) {
            throw new HttpTimeoutException("the node's RPC server at " + uri + " did not answer in time");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the node's RPC server", e);
        }
    }

    private static String abbreviate(String s) {
        final int max = 200;
        return s.length() <= max ? s : s.substring(0, max) + "...";
    }
}
