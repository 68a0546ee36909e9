package org.peerchain.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class TokenBucketTest {
    @Test
    void letsABurstThroughThenTheRefillRate() {
        long t = 1_000_000_000L;
        TokenBucket b = TokenBucket.perSecond(5, 2, t);
        int taken = 0;
        while (b.tryTake(t)) {
            taken++;
        }
        assertEquals(5, taken, "the burst");
        assertFalse(b.tryTake(t + 400_000_000L), "no whole token after 0.4 s at 2 a second");
        assertTrue(b.tryTake(t + 500_000_000L), "one token after 0.5 s");
        assertFalse(b.tryTake(t + 500_000_000L));
        int later = 0;
        while (b.tryTake(t + 100_000_000_000L)) {
            later++;
        }
        assertEquals(5, later, "a long quiet time refills to the capacity, no more");
    }

    @Test
    void aClockThatGoesBackAddsNothing() {
        TokenBucket b = TokenBucket.perSecond(1, 1, 10_000_000_000L);
        assertTrue(b.tryTake(10_000_000_000L));
        assertFalse(b.tryTake(5_000_000_000L));
        assertFalse(b.tryTake(10_500_000_000L));
        assertTrue(b.tryTake(11_000_000_000L));
    }
}
