package org.peerchain.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A timer task that dies of an internal error reaches the process's uncaught-error policy instead of vanishing. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class TimerExecutorTest {
    @Test
    void aPeriodicTaskDyingOfOutOfMemoryIsHandedToTheUncaughtErrorPolicy() throws Exception {
        Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        CompletableFuture<String> seen = new CompletableFuture<>();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> seen.complete(t.getName() + ": " + e.getMessage()));
        TimerExecutor timer = new TimerExecutor("test-timer");
        try {
            timer.scheduleWithFixedDelay(() -> {
                throw new OutOfMemoryError("simulated");
            }, 0, 10, TimeUnit.MILLISECONDS);
            assertEquals("test-timer-1: simulated", seen.get(5, TimeUnit.SECONDS));
        } finally {
            timer.shutdownNow();
            Thread.setDefaultUncaughtExceptionHandler(before);
        }
    }

    @Test
    void anOrdinaryFailureIsNotTreatedAsFatal() throws Exception {
        Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        CompletableFuture<String> seen = new CompletableFuture<>();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> seen.complete(e.toString()));
        TimerExecutor timer = new TimerExecutor("test-timer");
        try {
            CompletableFuture<Void> ran = new CompletableFuture<>();
            timer.schedule(() -> {
                ran.complete(null);
                throw new IllegalStateException("a bug");
            }, 0, TimeUnit.MILLISECONDS);
            ran.get(5, TimeUnit.SECONDS);
            timer.shutdown();
            assertTrue(timer.awaitTermination(5, TimeUnit.SECONDS));
            assertTrue(!seen.isDone(), "an ordinary failure reached the fatal policy: " + seen.getNow(""));
        } finally {
            timer.shutdownNow();
            Thread.setDefaultUncaughtExceptionHandler(before);
        }
    }
}
