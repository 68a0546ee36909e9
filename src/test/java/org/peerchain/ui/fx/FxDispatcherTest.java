package org.peerchain.ui.fx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The dispatcher's promises, with a queue standing in for the FX thread's run-later queue. */
@Timeout(5)
class FxDispatcherTest {
    private final Queue<Runnable> fxQueue = new ArrayDeque<>();
    private final FxDispatcher dispatcher = new FxDispatcher(fxQueue::add);
    private final List<String> ran = new ArrayList<>();

    private void runFxQueue() {
        while (!fxQueue.isEmpty()) {
            fxQueue.poll().run();
        }
    }

    @Test
    void tenThousandUpdatesQueueOneFxTaskAndOnlyTheNewestPerKeyRuns() {
        Object owner = new Object();
        for (int i = 0; i < 10_000; i++) {
            int n = i;
            dispatcher.post(FxDispatcher.key(owner, "height"), () -> ran.add("height " + n));
        }
        assertEquals(1, fxQueue.size(), "one queued FX task for the whole burst");
        runFxQueue();
        assertEquals(List.of("height 9999"), ran);
    }

    @Test
    void aBurstAfterTheBatchRanQueuesAgain() {
        Object owner = new Object();
        dispatcher.post(FxDispatcher.key(owner, "a"), () -> ran.add("first"));
        runFxQueue();
        dispatcher.post(FxDispatcher.key(owner, "a"), () -> ran.add("second"));
        dispatcher.post(FxDispatcher.key(owner, "a"), () -> ran.add("third"));
        assertEquals(1, fxQueue.size());
        runFxQueue();
        assertEquals(List.of("first", "third"), ran);
    }

    @Test
    void differentKeysAllRunInOneBatchInTheOrderOfTheirLastUpdate() {
        Object owner = new Object();
        dispatcher.post(FxDispatcher.key(owner, "peers"), () -> ran.add("peers 1"));
        dispatcher.post(FxDispatcher.key(owner, "status"), () -> ran.add("status"));
        dispatcher.post(FxDispatcher.key(owner, "peers"), () -> ran.add("peers 2"));
        assertEquals(1, fxQueue.size());
        runFxQueue();
        assertEquals(List.of("status", "peers 2"), ran);
    }

    @Test
    void twoViewModelsPostingUnderTheSameNameKeepTheirOwnUpdates() {
        Object first = new Object();
        Object second = new Object();
        dispatcher.post(FxDispatcher.key(first, "registry"), () -> ran.add("first"));
        dispatcher.post(FxDispatcher.key(second, "registry"), () -> ran.add("second"));
        runFxQueue();
        assertEquals(List.of("first", "second"), ran);
    }

    @Test
    void postAtMostSendsTheFirstAtOnceAndTheNewestOfABurstAfterTheGapNeverSooner() throws Exception {
        java.util.concurrent.BlockingQueue<Runnable> queue = new java.util.concurrent.LinkedBlockingQueue<>();
        FxDispatcher throttled = new FxDispatcher(queue::add);
        List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        Object key = FxDispatcher.key(new Object(), "tip");
        long gapMillis = 200;
        long start = System.nanoTime();
        throttled.postAtMost(key, gapMillis, () -> seen.add("1"));
        throttled.postAtMost(key, gapMillis, () -> seen.add("2"));
        throttled.postAtMost(key, gapMillis, () -> seen.add("3"));
        queue.take().run();
        assertEquals(List.of("1"), seen, "the first goes out at once");
        assertOnlyTheNewestArrivesAfterTheGap(queue, seen, start, gapMillis);
    }

    @Test
    void withAGapBatchesLeaveNoOftenerThanTheGapAndTheNewestUpdateStillArrives() throws Exception {
        java.util.concurrent.BlockingQueue<Runnable> queue = new java.util.concurrent.LinkedBlockingQueue<>();
        long gapMillis = 150;
        FxDispatcher gapped = new FxDispatcher(queue::add, gapMillis);
        List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        Object key = FxDispatcher.key(new Object(), "height");
        gapped.post(key, () -> seen.add("1"));
        Runnable first = queue.poll(3, java.util.concurrent.TimeUnit.SECONDS);
        long firstRan = System.nanoTime();
        first.run();
        assertEquals(List.of("1"), seen, "the first batch goes out at once");
        gapped.post(key, () -> seen.add("2"));
        gapped.post(key, () -> seen.add("3"));
        assertOnlyTheNewestArrivesAfterTheGap(queue, seen, firstRan, gapMillis);
    }

    /**
     * After "1" ran, "2" and "3" were posted: one more task arrives, no sooner than {@code gapMillis} after
     * {@code sinceNanos}, runs "3" alone (the newest replaced "2"), and nothing follows it.
     */
    private static void assertOnlyTheNewestArrivesAfterTheGap(java.util.concurrent.BlockingQueue<Runnable> queue,
            List<String> seen, long sinceNanos, long gapMillis) throws InterruptedException {
        Runnable next = queue.poll(3, java.util.concurrent.TimeUnit.SECONDS);
        long waitedMillis = (System.nanoTime() - sinceNanos) / 1_000_000;
        assertEquals(true, next != null, "the newest update arrives");
        next.run();
        assertEquals(List.of("1", "3"), seen, "the one in between was replaced");
        assertEquals(true, waitedMillis >= gapMillis - 5, "not sooner than the gap: " + waitedMillis + " ms");
        assertEquals(null, queue.poll(gapMillis * 2, java.util.concurrent.TimeUnit.MILLISECONDS), "nothing more");
    }
}
