package org.peerchain.node.rpc;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON-RPC server: HTTP on 127.0.0.1 only, {@code POST /} with cookie authentication, bitcoind's
 * dialect (see {@link RpcDispatcher}). Requests run on a pool of worker threads, so a client that sends
 * its body slowly holds one worker while the others keep answering.
 */
public final class RpcServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RpcServer.class);

    /**
     * The largest request body accepted; checked against Content-Length before reading, and while reading.
     * Room for {@code submitblock} with a full block in hex, plus the JSON around it.
     */
    public static final int MAX_BODY_BYTES = 2 * org.peerchain.consensus.ChainParams.MAX_BLOCK_SIZE + (1 << 16);
    /** Worker threads: as many slow or long calls can run at once before others queue. */
    public static final int WORKER_THREADS = 16;
    /** Pause before answering a wrong password, as bitcoind does, to slow guessing. */
    public static final long AUTH_FAILURE_DELAY_MS = 250;
    static final String CONTENT_TYPE_JSON = "application/json";
    static final String AUTH_CHALLENGE = "Basic realm=\"jsonrpc\"";
    private static final int BACKLOG = 64;
    private static final int STOP_DELAY_SECONDS = 0;

    private final HttpServer http;
    private final ExecutorService workers;
    private final Path cookieFile;
    private final byte[] expectedCredentials;
    private final RpcDispatcher dispatcher;
    private volatile String warmup;
    private static final ThreadLocal<java.util.List<Runnable>> AFTER_REPLY =
            ThreadLocal.withInitial(java.util.ArrayList::new);

    private RpcServer(HttpServer http, ExecutorService workers, Path cookieFile, RpcCookie cookie, RpcMethods methods) {
        this.http = http;
        this.workers = workers;
        this.cookieFile = cookieFile;
        this.expectedCredentials = cookie.userColonPassword().getBytes(StandardCharsets.UTF_8);
        this.dispatcher = new RpcDispatcher(methods, () -> warmup);
    }

    /**
     * Writes a fresh cookie to {@code cookieFile} and starts serving on 127.0.0.1:{@code port}
     * ({@code 0} picks a free port; see {@link #port()}).
     */
    public static RpcServer start(int port, Path cookieFile, RpcMethods methods) throws IOException {
        RpcCookie cookie = RpcCookie.generate();
        cookie.writeTo(cookieFile);
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), BACKLOG);
        } catch (IOException e) {
            Files.deleteIfExists(cookieFile);
            throw new IOException("cannot listen for RPC on 127.0.0.1:" + port + ": " + e.getMessage()
                    + (port != 0 ? " (is the port in use by another program?)" : ""), e);
        }
        ExecutorService workers = Executors.newFixedThreadPool(WORKER_THREADS, namedDaemons("rpc-worker-"));
        RpcServer server = new RpcServer(http, workers, cookieFile, cookie, methods);
        http.createContext("/", server::handle);
        http.setExecutor(workers);
        http.start();
        LOG.info("RPC server listening on {}", http.getAddress());
        return server;
    }

    private static ThreadFactory namedDaemons(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    public int port() {
        return http.getAddress().getPort();
    }

    public InetSocketAddress address() {
        return http.getAddress();
    }

    public Path cookieFile() {
        return cookieFile;
    }

    /** From now on every call fails with {@link RpcErrors#IN_WARMUP} and this message, until {@link #clearWarmup()}. */
    public void setWarmup(String status) {
        warmup = status;
    }

    public void clearWarmup() {
        warmup = null;
    }

    /** Stops serving and removes the cookie file. */
    @Override
    public void close() {
        http.stop(STOP_DELAY_SECONDS);
        workers.shutdownNow();
        try {
            workers.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(cookieFile);
        } catch (IOException e) {
            LOG.warn("could not remove the RPC cookie file {}: {}", cookieFile, e.getMessage());
        }
    }

    /**
     * Called from a method handler: runs {@code action} once the reply has been sent (for {@code stop},
     * which must answer before the server goes away).
     */
    public static void afterReply(Runnable action) {
        AFTER_REPLY.get().add(action);
    }

    private void handle(HttpExchange ex) {
        try {
            respond(ex);
        } finally {
            java.util.List<Runnable> actions = new java.util.ArrayList<>(AFTER_REPLY.get());
            AFTER_REPLY.get().clear();
            actions.forEach(Runnable::run);
        }
    }

    private void respond(HttpExchange ex) {
        try (ex) {
            if (!"/".equals(ex.getRequestURI().getPath())) {
                sendText(ex, 404, "Not found: the JSON-RPC server answers POST / only");
                return;
            }
            if (!"POST".equals(ex.getRequestMethod())) {
                ex.getResponseHeaders().set("Allow", "POST");
                sendText(ex, 405, "JSONRPC server handles only POST requests");
                return;
            }
            if (!authorized(ex.getRequestHeaders().getFirst("Authorization"))) {
                if (ex.getRequestHeaders().containsKey("Authorization")) {
                    LOG.warn("RPC: incorrect password from {}", ex.getRemoteAddress());
                    Thread.sleep(AUTH_FAILURE_DELAY_MS);
                }
                ex.getResponseHeaders().set("WWW-Authenticate", AUTH_CHALLENGE);
                ex.sendResponseHeaders(401, -1);
                return;
            }
            byte[] body = readLimitedBody(ex);
            if (body == null) {
                return;
            }
            RpcDispatcher.Reply reply = dispatcher.handle(body);
            if (reply.body().isEmpty()) {
                ex.sendResponseHeaders(reply.status(), -1);
                return;
            }
            byte[] out = reply.body().get().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", CONTENT_TYPE_JSON);
            ex.sendResponseHeaders(reply.status(), out.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(out);
            }
        } catch (IOException e) {
            LOG.debug("RPC connection from {} failed: {}", ex.getRemoteAddress(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("RPC request from {} failed", ex.getRemoteAddress(), e);
        }
    }

    /** The body, or null after answering 413 when it is larger than {@link #MAX_BODY_BYTES}. */
    private static byte[] readLimitedBody(HttpExchange ex) throws IOException {
        String declared = ex.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            long length;
            try {
                length = Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                sendText(ex, 400, "Bad Content-Length: " + declared);
                return null;
            }
            if (length > MAX_BODY_BYTES) {
                tooLarge(ex, "Content-Length is " + length + " bytes");
                return null;
            }
        }
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        try (InputStream in = ex.getRequestBody()) {
            int n;
            while ((n = in.read(chunk)) > 0) {
                if (buf.size() + n > MAX_BODY_BYTES) {
                    tooLarge(ex, "the body is longer");
                    return null;
                }
                buf.write(chunk, 0, n);
            }
        }
        return buf.toByteArray();
    }

    private static void tooLarge(HttpExchange ex, String what) throws IOException {
        ex.getResponseHeaders().set("Connection", "close");
        sendText(ex, 413, "Request body too large: " + what + "; the limit is " + MAX_BODY_BYTES + " bytes");
    }

    private static void sendText(HttpExchange ex, int status, String text) throws IOException {
        byte[] out = (text + "\n").getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        ex.sendResponseHeaders(status, out.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(out);
        }
    }

    /** HTTP Basic with the cookie's user and password, compared in constant time. */
    private boolean authorized(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(header.substring(6).trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(given, expectedCredentials);
    }
}
