package org.peerchain.tracker;

import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ExecutionException;
import org.peerchain.p2p.NamedThreadFactory;
import org.peerchain.p2p.NodeIdentity;
import org.peerchain.p2p.NodeKey;
import org.peerchain.p2p.PeerProbe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks that registered peers are alive: every ping interval (measured from the end of the previous
 * sweep, so sweeps never overlap) it first deletes peers that have not re-announced within the
 * expiry, then probes every peer through its own listen port ({@link PeerProbe}: handshake, ping,
 * pong) with at most {@code pingConcurrency} probes at once. A new peer is probed at once. A successful probe
 * records the round trip and the height the peer gave in its handshake. A peer is never probed twice at once (a sweep
 * passes over a new peer whose first probe is still running): the node would refuse the second connection.
 */
final class LivenessPinger implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LivenessPinger.class);

    private final TrackerConfig config;
    private final PeerRegistry registry;
    private final TrackerMetrics metrics;
    private final NodeKey trackerKey;
    private final ScheduledExecutorService scheduler;
    private final ThreadPoolExecutor probes;
    private final Set<PeerKey> probing = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    LivenessPinger(TrackerConfig config, PeerRegistry registry, TrackerMetrics metrics, NodeKey trackerKey) {
        this.config = config;
        this.registry = registry;
        this.metrics = metrics;
        this.trackerKey = trackerKey;
        this.scheduler = new ScheduledThreadPoolExecutor(1, new NamedThreadFactory("tracker-ping-schedule"));
        this.probes = new ThreadPoolExecutor(config.pingConcurrency(), config.pingConcurrency(), 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), new NamedThreadFactory("tracker-pinger"));
        probes.allowCoreThreadTimeOut(true);
    }

    void start() {
        long interval = config.pingInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::scheduledSweep, interval, interval, TimeUnit.MILLISECONDS);
    }

    private void scheduledSweep() {
        try {
            sweep();
        } catch (RuntimeException e) {
            log.error("liveness sweep failed", e);
        }
    }

    /** Runs one sweep now, in the calling thread's time; returns its duration in seconds. */
    double sweep() {
        long start = System.nanoTime();
        long cutoff = System.currentTimeMillis() - config.expiry().toMillis();
        int expired = registry.expireOlderThan(cutoff);
        if (expired > 0) {
            registry.event("expired " + expired + " peer(s) that stopped announcing");
        }
        List<Future<?>> running = new ArrayList<>();
        for (PeerRecord p : registry.snapshot()) {
            if (closed) {
                break;
            }
            try {
                running.add(probes.submit(() -> probe(p.key())));
            } catch (RejectedExecutionException e) {
                break;
            }
        }
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException e) {
                log.warn("probe failed unexpectedly", e.getCause());
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        metrics.sweepFinished(seconds);
        return seconds;
    }

    /** Probes one new peer soon, without waiting for the next sweep. */
    void probeSoon(PeerKey key) {
        if (closed) {
            return;
        }
        try {
            probes.execute(() -> probe(key));
        } catch (RejectedExecutionException ignored) {
            // shutting down
        }
    }

    private void probe(PeerKey key) {
        if (closed || !probing.add(key)) {
            return;
        }
        try {
            probeNow(key);
        } finally {
            probing.remove(key);
        }
    }

    private void probeNow(PeerKey key) {
        NodeIdentity us = new NodeIdentity(key.network(), trackerKey, () -> 0, () -> BigInteger.ZERO);
        metrics.pingsSent.increment();
        try {
            PeerProbe.Answer answer = PeerProbe.probe(new InetSocketAddress(key.address(), key.port()), us,
                    config.pingTimeout());
            String registered = registry.snapshotOf(key).map(PeerRecord::nodeId).orElse(answer.nodeId());
            if (!registered.equals(answer.nodeId())) {
                // the handshake proved another node's key: the registered id is not the one listening there
                throw new PeerProbe.ProbeFailure("the node there proves id " + answer.nodeId() + ", not the registered "
                        + registered);
            }
            registry.pingSucceeded(key, Math.max(1, answer.rttNanos() / 1_000), answer.height());
        } catch (PeerProbe.ProbeFailure e) {
            metrics.pingFailed(key + ": " + e.getMessage());
            log.debug("ping of {} failed: {}", key, e.getMessage());
            if (registry.pingFailed(key, config.maxPingFailures())) {
                registry.event("removed " + key + ": " + config.maxPingFailures() + " pings failed in a row (last: "
                        + e.getMessage() + ")");
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        scheduler.shutdownNow();
        probes.shutdownNow();
        try {
            scheduler.awaitTermination(2, TimeUnit.SECONDS);
            probes.awaitTermination(config.pingTimeout().toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
