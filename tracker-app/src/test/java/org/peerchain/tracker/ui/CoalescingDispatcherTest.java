package org.peerchain.tracker.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(5)
class CoalescingDispatcherTest {
    @Test
    void tenThousandRequestsQueueOneUiTaskUntilItRuns() {
        Queue<Runnable> uiQueue = new ArrayDeque<>();
        AtomicInteger drains = new AtomicInteger();
        CoalescingDispatcher d = new CoalescingDispatcher(uiQueue::add, drains::incrementAndGet);
        for (int i = 0; i < 10_000; i++) {
            d.request();
        }
        assertEquals(1, uiQueue.size(), "one queued UI task for the whole burst");
        uiQueue.poll().run();
        assertEquals(1, drains.get());
        d.request();
        assertEquals(1, uiQueue.size(), "a later burst queues again");
    }
}
