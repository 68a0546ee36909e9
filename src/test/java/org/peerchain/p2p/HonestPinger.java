package org.peerchain.p2p;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;

/**
 * An honest peer that pings the node every {@link #INTERVAL} from its own thread and keeps the slowest
 * round trip: while hostile peers attack, the node must keep answering it within {@link #MAX_ROUND_TRIP}.
 */
final class HonestPinger implements AutoCloseable {
    static final Duration INTERVAL = Duration.ofMillis(100);
    static final Duration MAX_ROUND_TRIP = Duration.ofSeconds(1);

    private final ScriptedPeer peer;
    private final Thread thread;
    private volatile long slowestNanos;
    private volatile long pings;
    private volatile String failure;
    private volatile boolean stopped;

    HonestPinger(int port) throws IOException, InterruptedException {
        this.peer = ScriptedPeer.handshaken(port, "127.0.0.1");
        this.thread = new Thread(this::run, "honest-pinger");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (!stopped) {
            long start = System.nanoTime();
            try {
                peer.pingPong();
            } catch (IOException | AssertionError e) {
                if (!stopped) {
                    failure = "ping " + (pings + 1) + " failed: " + e.getMessage();
                }
                return;
            } catch (InterruptedException e) {
                return;
            }
            slowestNanos = Math.max(slowestNanos, System.nanoTime() - start);
            pings++;
            try {
                Thread.sleep(INTERVAL.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Every ping since the last check was answered within {@link #MAX_ROUND_TRIP}; the slowest is forgotten then. */
    void assertServedWithinOneSecond(String during) {
        assertNull(failure, during + ": the honest peer's pings stopped being answered");
        assertFalse(peer.isClosed(), during + ": the honest peer was disconnected");
        assertTrue(pings > 0, during + ": no ping of the honest peer was answered");
        long slowest = slowestNanos;
        slowestNanos = 0;
        assertTrue(slowest < MAX_ROUND_TRIP.toNanos(), during + ": the honest peer waited " + slowest / 1_000_000
                + " ms for a pong");
    }

    long slowestMillis() {
        return slowestNanos / 1_000_000;
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        thread.interrupt();
        peer.close();
        thread.join(2_000);
    }
}
