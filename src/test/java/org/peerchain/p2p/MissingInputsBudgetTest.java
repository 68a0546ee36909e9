package org.peerchain.p2p;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class MissingInputsBudgetTest {
    private final AtomicLong nanos = new AtomicLong(5_000_000_000L);
    private final MissingInputsBudget budget = new MissingInputsBudget(nanos::get);

    @Test
    void aPeerMaySendABurstThenOneASecondAndEachPeerHasItsOwnBudget() {
        for (int i = 0; i < MissingInputsBudget.BURST; i++) {
            assertTrue(budget.take(1), "transaction " + i + " of the burst");
        }
        assertFalse(budget.take(1), "past the burst");
        assertTrue(budget.take(2), "another peer is not charged for the first");
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(1));
        assertTrue(budget.take(1), "one more after a second");
        assertFalse(budget.take(1));
        nanos.addAndGet(TimeUnit.HOURS.toNanos(1));
        for (int i = 0; i < MissingInputsBudget.BURST; i++) {
            assertTrue(budget.take(1));
        }
        assertFalse(budget.take(1), "saved up to the burst, no more");
    }

    @Test
    void aPeerThatHasGoneIsForgottenWithItsBudget() {
        for (int i = 0; i < MissingInputsBudget.BURST; i++) {
            budget.take(7);
        }
        assertFalse(budget.take(7));
        budget.forget(7);
        assertTrue(budget.take(7));
    }
}
