package org.peerchain.node.rpc;

import static org.peerchain.node.rpc.HttpReplies.closeGently;
import static org.peerchain.node.rpc.HttpReplies.closeQuietly;
import static org.peerchain.node.rpc.HttpReplies.text;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON-RPC server: HTTP/1.1 on 127.0.0.1 only, {@code POST /} with cookie authentication, bitcoind's dialect (see
 * {@link RpcDispatcher}).
 *
 * <p>Each connection has its own thread, so a client that stalls (connects and sends nothing, or part of a head or a
 * body) holds only its own connection, never a thread another client needs. A request must be read whole within
 * {@link #REQUEST_TIMEOUT}; one address may hold {@link #MAX_CONNECTIONS_PER_CLIENT} connections and the server
 * {@link #MAX_CONNECTIONS}, and a connection over either limit is answered 503 and closed. At most
 * {@link #WORKER_THREADS} calls run at once; the others wait their turn.
 */
public final class RpcServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RpcServer.class);

    /**
     * The largest request body accepted; checked against Content-Length before reading, and while reading.
     * Room for {@code submitblock} with a full block in hex, plus the JSON around it.
     */
    public static final int MAX_BODY_BYTES = 2 * org.peerchain.consensus.ChainParams.MAX_BLOCK_SIZE + (1 << 16);
    /** Calls that run at once; more wait for one to finish (bitcoind: 4 run and 16 queue, -rpcthreads, -rpcworkqueue). */
    public static final int WORKER_THREADS = 16;
    /**
     * Time to read a whole request, head and body, from the moment the server waits for it; also how long a kept-alive
     * connection may sit idle. bitcoind's -rpcservertimeout is the model (30 s by default); a local client sends a
     * request, even a 2 MB block, in milliseconds, so a third of that is still generous and frees a stalled client's
     * connection sooner.
     */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /**
     * Connections one address may hold at once. Every client of a loopback server comes from a loopback address
     * (most from 127.0.0.1), so this is room for many concurrent callers, while a client that opens connections
     * without end is answered 503 instead of holding more.
     */
    public static final int MAX_CONNECTIONS_PER_CLIENT = 32;
    /** Connections held at once by all clients together: each has a thread, so this bounds the server's threads. */
    public static final int MAX_CONNECTIONS = 128;
    /** Pause before answering a wrong password, as bitcoind does, to slow guessing. */
    public static final long AUTH_FAILURE_DELAY_MS = 250;
    static final String CONTENT_TYPE_JSON = "application/json";
    static final String AUTH_CHALLENGE = "Basic realm=\"jsonrpc\"";
    private static final String CONTENT_TYPE_TEXT = "text/plain; charset=utf-8";
    private static final int BACKLOG = 64;
    /** After a failed accept (say, out of file descriptors) the acceptor waits this long before the next. */
    private static final long ACCEPT_RETRY_MS = 100;
    /** Refusals waiting to be answered; past this a refused connection is closed without an answer. */
    private static final int REFUSAL_QUEUE = 64;

    /** What becomes of a connection after an exchange. */
    private enum After {
        KEEP_OPEN,
        CLOSE,
        /** Answered before the request was read whole: close gently, so that the client reads the answer. */
        CLOSE_GENTLY
    }

    /** The limits of a server; tests start one with a short time-out. */
    record Limits(Duration requestTimeout, int perClient, int total) {
        static final Limits DEFAULT = new Limits(REQUEST_TIMEOUT, MAX_CONNECTIONS_PER_CLIENT, MAX_CONNECTIONS);
    }

    private static final ThreadLocal<List<Runnable>> AFTER_REPLY = ThreadLocal.withInitial(ArrayList::new);

    private final ServerSocket listener;
    private final Limits limits;
    private final Path cookieFile;
    private final byte[] expectedCredentials;
    private final RpcDispatcher dispatcher;
    private final ExecutorService connections = Executors.newCachedThreadPool(namedDaemons("rpc-connection-"));
    private final ThreadPoolExecutor refusals = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(REFUSAL_QUEUE), namedDaemons("rpc-refusal-"));
    private final Semaphore calls = new Semaphore(WORKER_THREADS, true);
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Map<InetAddress, Integer> perClient = new HashMap<>();
    private int total;
    private final Thread acceptor;
    private volatile boolean closed;
    private volatile String warmup;

    private RpcServer(ServerSocket listener, Limits limits, Path cookieFile, RpcCookie cookie, RpcMethods methods) {
        this.listener = listener;
        this.limits = limits;
        this.cookieFile = cookieFile;
        this.expectedCredentials = cookie.userColonPassword().getBytes(StandardCharsets.UTF_8);
        this.dispatcher = new RpcDispatcher(methods, () -> warmup);
        this.acceptor = namedDaemons("rpc-acceptor").newThread(this::acceptLoop);
    }

    /**
     * Writes a fresh cookie to {@code cookieFile} and starts serving on 127.0.0.1:{@code port}
     * ({@code 0} picks a free port; see {@link #port()}).
     */
    public static RpcServer start(int port, Path cookieFile, RpcMethods methods) throws IOException {
        return start(port, cookieFile, methods, Limits.DEFAULT);
    }

    static RpcServer start(int port, Path cookieFile, RpcMethods methods, Limits limits) throws IOException {
        RpcCookie cookie = RpcCookie.generate();
        cookie.writeTo(cookieFile);
        ServerSocket listener;
        try {
            listener = new ServerSocket(port, BACKLOG, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            Files.deleteIfExists(cookieFile);
            throw new IOException("cannot listen for RPC on 127.0.0.1:" + port + ": " + e.getMessage()
                    + (port != 0 ? " (is the port in use by another program?)" : ""), e);
        }
        RpcServer server = new RpcServer(listener, limits, cookieFile, cookie, methods);
        server.acceptor.start();
        LOG.info("RPC server listening on {}", server.address());
        return server;
    }

    private static ThreadFactory namedDaemons(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix.endsWith("-") ? prefix + n.incrementAndGet() : prefix);
            t.setDaemon(true);
            return t;
        };
    }

    public int port() {
        return listener.getLocalPort();
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) listener.getLocalSocketAddress();
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

    /** Stops serving, closes every connection and removes the cookie file. */
    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException e) {
            LOG.debug("closing the RPC listener: {}", e.getMessage());
        }
        for (Socket s : open) {
            closeQuietly(s);
        }
        connections.shutdownNow();
        refusals.shutdownNow();
        try {
            connections.awaitTermination(1, TimeUnit.SECONDS);
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

    // ------------------------------------------------------------------ connections

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                LOG.warn("RPC: cannot accept a connection: {}", e.getMessage());
                pauseAfterFailedAccept();
                continue;
            }
            InetAddress client = socket.getInetAddress();
            String refusal = admit(client);
            if (refusal != null) {
                refuse(socket, refusal);
                continue;
            }
            open.add(socket);
            try {
                connections.execute(() -> serve(socket, client));
            } catch (RejectedExecutionException e) {
                open.remove(socket);
                release(client);
                closeQuietly(socket);
            }
        }
    }

    private static void pauseAfterFailedAccept() {
        try {
            Thread.sleep(ACCEPT_RETRY_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Counts the connection in, or says which limit it is over. */
    private synchronized String admit(InetAddress client) {
        if (total >= limits.total()) {
            return "the RPC server has " + total + " connections open; the limit is " + limits.total();
        }
        int held = perClient.getOrDefault(client, 0);
        if (held >= limits.perClient()) {
            return "too many connections from " + client.getHostAddress() + " (" + held + "); the limit is "
                    + limits.perClient() + " per client";
        }
        perClient.put(client, held + 1);
        total++;
        return null;
    }

    private synchronized void release(InetAddress client) {
        perClient.computeIfPresent(client, (k, held) -> held <= 1 ? null : held - 1);
        total--;
    }

    /** Answers 503 naming the limit, on the refusal thread so that the acceptor never waits on a client. */
    private void refuse(Socket socket, String reason) {
        LOG.debug("RPC: refused a connection: {}", reason);
        try {
            refusals.execute(() -> {
                try {
                    OutputStream out = new BufferedOutputStream(socket.getOutputStream());
                    HttpReplies.write(out, 503, CONTENT_TYPE_TEXT, text("Service unavailable: " + reason
                            + "; try again when a connection has closed"), true,
                            "Retry-After", Long.toString(limits.requestTimeout().toSeconds()));
                    closeGently(socket, out);
                } catch (IOException e) {
                    closeQuietly(socket);
                }
            });
        } catch (RejectedExecutionException e) {
            closeQuietly(socket);
        }
    }

    private void serve(Socket socket, InetAddress client) {
        OutputStream out = null;
        try {
            socket.setTcpNoDelay(true);
            out = new BufferedOutputStream(socket.getOutputStream());
            HttpRequestReader reader = new HttpRequestReader(socket, limits.requestTimeout().toNanos());
            After after = After.KEEP_OPEN;
            while (after == After.KEEP_OPEN && !closed) {
                reader.startRequest();
                HttpRequestReader.Head head = reader.readHead();
                if (head == null) {
                    break;
                }
                after = exchange(head, reader, out, socket);
            }
            if (after == After.CLOSE_GENTLY) {
                closeGently(socket, out);
            }
        } catch (HttpRequestReader.Expired e) {
            LOG.debug("RPC connection from {} timed out", client);
            if (e.started()) {
                tryToAnswer(out, 408, "Request timeout: the request was not read whole within "
                        + limits.requestTimeout().toSeconds() + " seconds");
            }
        } catch (HttpRequestReader.BadRequest e) {
            tryToAnswer(out, e.status(), e.getMessage());
            closeGently(socket, out);
        } catch (IOException e) {
            LOG.debug("RPC connection from {} failed: {}", client, e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("RPC connection from {} failed", client, e);
        } finally {
            closeQuietly(socket);
            open.remove(socket);
            release(client);
        }
    }

    private static void tryToAnswer(OutputStream out, int status, String message) {
        if (out == null) {
            return;
        }
        try {
            HttpReplies.write(out, status, CONTENT_TYPE_TEXT, text(message), true);
        } catch (IOException e) {
            // the client has gone; nothing to tell it
        }
    }

    /** Serves one request; returns whether the connection stays open for the next, or how it closes. */
    private After exchange(HttpRequestReader.Head head, HttpRequestReader reader, OutputStream out, Socket socket)
            throws IOException, HttpRequestReader.BadRequest {
        try {
            if (!"/".equals(pathOf(head.target()))) {
                HttpReplies.write(out, 404, CONTENT_TYPE_TEXT, text("Not found: the JSON-RPC server answers POST / only"),
                        true);
                return After.CLOSE_GENTLY;
            }
            if (!"POST".equals(head.method())) {
                HttpReplies.write(out, 405, CONTENT_TYPE_TEXT, text("JSONRPC server handles only POST requests"), true,
                        "Allow", "POST");
                return After.CLOSE_GENTLY;
            }
            if (!authorized(head.header("authorization"))) {
                if (head.header("authorization") != null) {
                    LOG.warn("RPC: incorrect password from {}", socket.getInetAddress());
                    Thread.sleep(AUTH_FAILURE_DELAY_MS);
                }
                HttpReplies.write(out, 401, null, new byte[0], true, "WWW-Authenticate", AUTH_CHALLENGE);
                return After.CLOSE_GENTLY;
            }
            long declared = HttpRequestReader.declaredLength(head);
            if (declared > MAX_BODY_BYTES) {
                return tooLarge(out, "Content-Length is " + declared + " bytes");
            }
            if ("100-continue".equalsIgnoreCase(head.header("expect"))) {
                out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
            byte[] body;
            try {
                body = reader.readBody(head, MAX_BODY_BYTES);
            } catch (HttpRequestReader.BadRequest e) {
                if (e.status() == 413) {
                    return tooLarge(out, e.getMessage());
                }
                throw e;
            }
            RpcDispatcher.Reply reply = call(body);
            boolean keepAlive = head.keepAlive() && !closed;
            if (reply.body().isEmpty()) {
                HttpReplies.write(out, reply.status(), null, new byte[0], !keepAlive);
            } else {
                byte[] json = reply.body().get().getBytes(StandardCharsets.UTF_8);
                HttpReplies.write(out, reply.status(), CONTENT_TYPE_JSON, json, !keepAlive);
            }
            return keepAlive ? After.KEEP_OPEN : After.CLOSE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return After.CLOSE;
        } finally {
            List<Runnable> actions = new ArrayList<>(AFTER_REPLY.get());
            AFTER_REPLY.get().clear();
            actions.forEach(Runnable::run);
        }
    }

    /** Runs the call once one of the {@link #WORKER_THREADS} turns is free. */
    private RpcDispatcher.Reply call(byte[] body) throws InterruptedException {
        calls.acquire();
        try {
            return dispatcher.handle(body);
        } finally {
            calls.release();
        }
    }

    private static After tooLarge(OutputStream out, String what) throws IOException {
        HttpReplies.write(out, 413, CONTENT_TYPE_TEXT, text("Request body too large: " + what + "; the limit is "
                + MAX_BODY_BYTES + " bytes"), true);
        return After.CLOSE_GENTLY;
    }

    /** The path of a request target ("/", "/?x", or an absolute URI); null when it is not a URI. */
    private static String pathOf(String target) {
        try {
            return URI.create(target).getPath();
        } catch (IllegalArgumentException e) {
            return null;
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
