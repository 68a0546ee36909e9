package org.peerchain.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 18, finding 4: a thread that dies of an internal error (out of memory) stops the process with a message
 * naming the thread, rather than leaving it running with that thread dead (an RPC server that never answers again).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FatalErrorsTest {
    /** A process whose worker thread dies of an out-of-memory error while its main thread waits for good. */
    public static final class DyingWorker {
        public static void main(String[] args) throws InterruptedException {
            FatalErrors.install();
            Thread worker = new Thread(() -> {
                throw new OutOfMemoryError("Java heap space (simulated)");
            }, "rpc-worker-1");
            worker.start();
            new CountDownLatch(1).await();
        }
    }

    /** A process whose other thread fails with an ordinary exception: it goes on. */
    public static final class FailingWorker {
        public static void main(String[] args) throws InterruptedException {
            FatalErrors.install();
            Thread worker = new Thread(() -> {
                throw new IllegalStateException("an ordinary bug");
            }, "some-worker");
            worker.start();
            worker.join();
            System.out.println("still running");
        }
    }

    @Test
    void aThreadDyingOfOutOfMemoryStopsTheProcessSayingWhichThreadAndWhy() throws Exception {
        Process p = java(DyingWorker.class);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the process kept running with a dead thread");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(FatalErrors.EXIT_STATUS, p.exitValue(), out);
        assertTrue(out.contains("internal error in thread rpc-worker-1: java.lang.OutOfMemoryError: Java heap space"
                + " (simulated); the node cannot go on safely and stops (exit status 70)"), out);
    }

    @Test
    void anOrdinaryExceptionInAThreadDoesNotStopTheProcess() throws Exception {
        Process p = java(FailingWorker.class);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("an ordinary bug") && out.contains("still running"), out);
    }

    private static Process java(Class<?> main) throws java.io.IOException {
        return new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), main.getName())).redirectErrorStream(true).start();
    }
}
