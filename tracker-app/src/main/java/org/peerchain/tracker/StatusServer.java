package org.peerchain.tracker;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.peerchain.p2p.NamedThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The status port (127.0.0.1 by default): {@code GET /peers}, the registry as JSON, for requests naming a
 * loopback host ({@link LoopbackHost}), and {@code GET /metrics}, the Prometheus text format, for any; and the admin actions of {@link AdminEndpoints}
 * ({@code POST /ban}, {@code /unban}, {@code /kick}, {@code GET /bans}), which need the {@link AdminCookie}
 * written at start beside the database.
 */
final class StatusServer implements AutoCloseable {
    public static final String METRICS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final int THREADS = 2;
    private static final Logger log = LoggerFactory.getLogger(StatusServer.class);

    private final HttpServer http;
    private final ExecutorService executor;
    private final Tracker tracker;
    private final AdminCookie cookie;

    StatusServer(Tracker tracker, String bind, int port) throws IOException {
        this.tracker = tracker;
        try {
            http = HttpServer.create(new InetSocketAddress(InetAddress.getByName(bind), port), 0);
        } catch (IOException e) {
            throw new IOException("cannot serve status on " + bind + ":" + port + ": " + e.getMessage(), e);
        }
        try {
            cookie = AdminCookie.create(tracker.config().database());
        } catch (IOException e) {
            http.stop(0);
            throw new IOException("cannot write the admin cookie " + AdminCookie.fileFor(tracker.config().database())
                    + ": " + e.getMessage(), e);
        }
        executor = Executors.newFixedThreadPool(THREADS, new NamedThreadFactory("tracker-status"));
        http.setExecutor(executor);
        // /peers is the whole registry with every detail, for the operator (nodes ask the tracker port for samples):
        // only requests naming a loopback host. /metrics holds counts only, for a Prometheus server anywhere.
        http.createContext("/peers", ex -> handle(ex, "application/json", true, this::peersJson));
        http.createContext("/metrics", ex -> handle(ex, METRICS_CONTENT_TYPE, false, tracker::metricsText));
        AdminEndpoints.install(http, tracker, cookie);
        http.createContext("/", ex -> {
            try (ex) {
                ex.sendResponseHeaders(404, -1);
            }
        });
        http.start();
    }

    int port() {
        return http.getAddress().getPort();
    }

    /** The admin cookie's file, made at start and removed at {@link #close}. */
    java.nio.file.Path cookieFile() {
        return cookie.file();
    }

    private interface Body {
        String render();
    }

    /** Answers a read; {@code operatorOnly} reads are refused (403) to requests not naming a loopback host. */
    private static void handle(HttpExchange ex, String contentType, boolean operatorOnly, Body body) throws IOException {
        try (ex) {
            if (!"GET".equals(ex.getRequestMethod()) && !"HEAD".equals(ex.getRequestMethod())) {
                ex.getResponseHeaders().set("Allow", "GET, HEAD");
                ex.sendResponseHeaders(405, -1);
                return;
            }
            String wrongHost = operatorOnly ? LoopbackHost.refusal(ex) : null;
            if (wrongHost != null) {
                JsonObject error = new JsonObject();
                error.addProperty("error", wrongHost);
                byte[] bytes = error.toString().getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().set("Content-Type", "application/json");
                if ("HEAD".equals(ex.getRequestMethod())) {
                    ex.sendResponseHeaders(403, -1);
                    return;
                }
                ex.sendResponseHeaders(403, bytes.length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(bytes);
                }
                return;
            }
            byte[] bytes = body.render().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", contentType);
            if ("HEAD".equals(ex.getRequestMethod())) {
                ex.sendResponseHeaders(200, -1);
                return;
            }
            ex.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private String peersJson() {
        JsonArray a = new JsonArray();
        tracker.registry().snapshot().stream()
                .sorted(Comparator.comparing((PeerRecord p) -> p.key().network()).thenComparing(p -> p.key().address())
                        .thenComparingInt(p -> p.key().port()))
                .forEach(p -> a.add(toJson(p)));
        JsonObject o = new JsonObject();
        o.addProperty("count", a.size());
        o.add("peers", a);
        return o.toString();
    }

    static JsonObject toJson(PeerRecord p) {
        JsonObject o = new JsonObject();
        o.addProperty("address", p.key().address());
        o.addProperty("port", p.key().port());
        o.addProperty("nodeId", p.nodeId());
        o.addProperty("network", p.key().network());
        o.addProperty("protocolVersion", p.protocolVersion());
        o.addProperty("height", p.height());
        o.addProperty("firstSeen", Instant.ofEpochMilli(p.firstSeen()).toString());
        o.addProperty("lastSeen", Instant.ofEpochMilli(p.lastSeen()).toString());
        if (p.pingRttMicros() >= 0) {
            o.addProperty("pingRttSeconds", p.pingRttMicros() / 1e6);
        } else {
            o.add("pingRttSeconds", com.google.gson.JsonNull.INSTANCE);
        }
        o.addProperty("failures", p.failures());
        o.addProperty("state", p.state().name().toLowerCase());
        return o;
    }

    @Override
    public void close() {
        http.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            cookie.delete();
        } catch (IOException e) {
            log.warn("could not remove the admin cookie {}: {}", cookie.file(), e.getMessage());
        }
    }
}
