package org.peerchain.tracker.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.peerchain.p2p.wire.Message;
import org.peerchain.p2p.wire.MessageCatalog;
import org.peerchain.p2p.wire.MessageKind;
import org.peerchain.p2p.wire.WireCodec;
import org.peerchain.p2p.wire.WireLimits;

/**
 * The benchmark's load: {@link #CONNECTIONS} persistent connections, each from its own loopback
 * address (127.0.0.2, ...) so per-address limits stay real, each driven by one thread that keeps
 * {@link #PIPELINE_DEPTH} requests in flight. Every answer's frame is checked to be a {@code peers}
 * frame; one in {@link #DECODE_EVERY} is decoded in full and its size checked, so that the client's
 * own JSON parsing does not take the cores the tracker is being measured on.
 */
final class BenchClients {
    static final int CONNECTIONS = 4;
    static final int PIPELINE_DEPTH = 32;
    static final int DECODE_EVERY = 64;
    private static final int IO_BUFFER_BYTES = 64 * 1024;
    private static final int SOCKET_TIMEOUT_MILLIS = 30_000;
    private static final String TRACKER_THREAD_PREFIX = "tracker-";
    private static final String CLIENT_THREAD_PREFIX = "bench-client-";
    /** The registry's write-behind thread (a part of the tracker's CPU, shown apart). */
    private static final String WRITER_THREAD = "tracker-registry-writer";
    private static final byte[] PEERS_PREFIX = ("{\"type\":\"" + Message.Peers.TYPE + "\"").getBytes(StandardCharsets.US_ASCII);
    private static final MessageCatalog CATALOG = MessageCatalog.standard();

    /**
     * The {@code i}-th request of connection {@code c}, as a whole frame: encoded before the phase, as a node's
     * announces are by the node, so that the client's own JSON writing does not take the cores being measured.
     */
    interface Requests {
        byte[] request(int connection, int i);
    }

    /**
     * One phase's figures: requests, wall time, CPU of the tracker's threads (of which the SQLite
     * write-behind), of the client threads and of the process.
     */
    record Phase(long requests, long wallNanos, long trackerCpuNanos, long writerCpuNanos, long clientCpuNanos,
                 long processCpuNanos) {
        double perSecond() {
            return requests / (wallNanos / 1e9);
        }

        void print(PrintStream out, String name) {
            out.printf("%s_tracker_cpu_us: %.1f%n", name, trackerCpuNanos / 1e3 / requests);
            out.printf("%s_tracker_writer_cpu_us: %.1f%n", name, writerCpuNanos / 1e3 / requests);
            out.printf("%s_client_cpu_us: %.1f%n", name, clientCpuNanos / 1e3 / requests);
            out.printf("%s_process_cpu_us: %.1f%n", name, processCpuNanos / 1e3 / requests);
        }
    }

    private BenchClients() {
    }

    static String clientAddress(int connection) {
        return "127.0.0." + (2 + connection);
    }

    /**
     * Sends {@code perConnection} requests on each of {@link #CONNECTIONS} connections and waits for
     * every answer; each decoded answer must list {@code expectedPeers} peers.
     */
    static Phase run(int port, int perConnection, int expectedPeers, Requests requests) throws IOException {
        return run(port, perConnection, expectedPeers, requests, () -> { });
    }

    /**
     * The same, the phase ending only once {@code settle} has run after the last answer: the tracker's writes of what
     * the phase changed belong to the phase, not to the next.
     */
    static Phase run(int port, int perConnection, int expectedPeers, Requests requests, Runnable settle)
            throws IOException {
        CountDownLatch connected = new CountDownLatch(CONNECTIONS);
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(CONNECTIONS);
        CountDownLatch measured = new CountDownLatch(1);
        List<Throwable> errors = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < CONNECTIONS; c++) {
            int connection = c;
            Thread th = new Thread(() -> {
                try (Socket s = new Socket()) {
                    s.bind(new InetSocketAddress(clientAddress(connection), 0));
                    s.connect(new InetSocketAddress("127.0.0.1", port), SOCKET_TIMEOUT_MILLIS);
                    s.setTcpNoDelay(true);
                    s.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
                    connected.countDown();
                    go.await();
                    drive(s, connection, perConnection, expectedPeers, requests);
                    done.countDown();
                    measured.await();
                } catch (IOException | RuntimeException | InterruptedException e) {
                    synchronized (errors) {
                        errors.add(e);
                    }
                    connected.countDown();
                    done.countDown();
                }
            }, CLIENT_THREAD_PREFIX + c);
            th.setDaemon(true);
            th.start();
            threads.add(th);
        }
        try {
            connected.await();
            Map<Long, ThreadCpu> before = threadCpu();
            long processBefore = processCpu();
            long start = System.nanoTime();
            go.countDown();
            done.await();
            settle.run();
            long wall = System.nanoTime() - start;
            long processAfter = processCpu();
            Map<Long, ThreadCpu> after = threadCpu();
            measured.countDown();
            for (Thread th : threads) {
                th.join(TimeUnit.SECONDS.toMillis(10));
            }
            synchronized (errors) {
                if (!errors.isEmpty()) {
                    throw new IOException("benchmark client failed: " + errors.get(0), errors.get(0));
                }
            }
            return new Phase((long) perConnection * CONNECTIONS, wall, cpuOf(TRACKER_THREAD_PREFIX, before, after),
                    cpuOf(WRITER_THREAD, before, after), cpuOf(CLIENT_THREAD_PREFIX, before, after),
                    processAfter - processBefore);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static void drive(Socket s, int connection, int total, int expectedPeers, Requests requests) throws IOException {
        CountingInput input = new CountingInput(s.getInputStream());
        DataInputStream in = new DataInputStream(input);
        BufferedOutputStream out = new BufferedOutputStream(s.getOutputStream(), IO_BUFFER_BYTES);
        int sent = 0;
        while (sent < Math.min(PIPELINE_DEPTH, total)) {
            out.write(requests.request(connection, sent++));
        }
        out.flush();
        byte[] body = new byte[0];
        for (int received = 0; received < total; received++) {
            int length = in.readInt();
            if (length <= 0 || length > WireLimits.MAX_PEERS_MESSAGE_BYTES) {
                throw new IOException("answer " + received + " has a frame length of " + length);
            }
            if (body.length < length) {
                body = new byte[Math.max(length, body.length * 2)];
            }
            in.readFully(body, 0, length);
            check(body, length, received, expectedPeers);
            if (sent < total) {
                out.write(requests.request(connection, sent++));
            }
            if (input.buffered() == 0) {
                out.flush();
            }
        }
    }

    private static void check(byte[] body, int length, int received, int expectedPeers) throws IOException {
        if (length < PEERS_PREFIX.length || !Arrays.equals(body, 0, PEERS_PREFIX.length, PEERS_PREFIX, 0, PEERS_PREFIX.length)) {
            throw new IOException("answer " + received + " is not a peers frame: "
                    + new String(body, 0, Math.min(length, 200), StandardCharsets.UTF_8));
        }
        if (received % DECODE_EVERY != 0) {
            return;
        }
        byte[] exact = Arrays.copyOf(body, length);
        String type = WireCodec.peekType(exact, WireCodec.peekBytes(length), length);
        Optional<MessageKind> kind = WireCodec.checkType(type, length, CATALOG);
        Message m = WireCodec.decodeBody(kind.orElseThrow(), exact);
        if (!(m instanceof Message.Peers p) || p.peers().size() != expectedPeers) {
            throw new IOException("answer " + received + " should list " + expectedPeers + " peers: " + m);
        }
    }

    /** A buffered input that tells how many received bytes it holds, to flush requests only before waiting. */
    private static final class CountingInput extends BufferedInputStream {
        CountingInput(InputStream in) {
            super(in, IO_BUFFER_BYTES);
        }

        synchronized int buffered() {
            return count - pos;
        }
    }

    /** A thread's name and CPU time at a snapshot. */
    record ThreadCpu(String name, long cpuNanos) {
    }

    static Map<Long, ThreadCpu> threadCpu() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Map<Long, ThreadCpu> out = new HashMap<>();
        for (ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (info != null) {
                out.put(info.getThreadId(), new ThreadCpu(info.getThreadName(), mx.getThreadCpuTime(info.getThreadId())));
            }
        }
        return out;
    }

    /**
     * CPU used between the two snapshots by the threads whose name starts with {@code prefix}; a thread
     * that ended in between is not counted (the phases keep their connections open until measured).
     */
    static long cpuOf(String prefix, Map<Long, ThreadCpu> before, Map<Long, ThreadCpu> after) {
        long sum = 0;
        for (Map.Entry<Long, ThreadCpu> e : after.entrySet()) {
            ThreadCpu now = e.getValue();
            if (now.name().startsWith(prefix) && now.cpuNanos() >= 0) {
                ThreadCpu was = before.get(e.getKey());
                sum += now.cpuNanos() - (was == null ? 0 : Math.max(0, was.cpuNanos()));
            }
        }
        return sum;
    }

    static long processCpu() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
