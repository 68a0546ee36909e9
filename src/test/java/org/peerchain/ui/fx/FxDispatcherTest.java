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
}
