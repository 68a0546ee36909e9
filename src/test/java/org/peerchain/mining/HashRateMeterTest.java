package org.peerchain.mining;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.peerchain.consensus.CompactTarget;

@Timeout(10)
class HashRateMeterTest {
    private static final long SECOND = 1_000_000_000L;
    /** 2^224 - 1: exactly 2^32 hashes per block on average. */
    private static final BigInteger TARGET_2_32_HASHES = BigInteger.ONE.shiftLeft(224).subtract(BigInteger.ONE);

    @Test
    void expectedTimeIsTwoTo256OverTargetPlusOneDividedByTheRate() {
        assertEquals(4_294_967_296.0, HashRateMeter.expectedHashesPerBlock(TARGET_2_32_HASHES), 1e-3);
        assertEquals(4294.967296, HashRateMeter.expectedSecondsToBlock(TARGET_2_32_HASHES, 1_000_000), 1e-9);
        assertEquals(Double.POSITIVE_INFINITY, HashRateMeter.expectedSecondsToBlock(TARGET_2_32_HASHES, 0));
    }

    @Test
    void dailyChanceIsOneMinusEToTheMinusDayOverExpected() {
        assertEquals(1 - Math.exp(-1), HashRateMeter.dailyBlockChance(86_400), 1e-12);
        assertEquals(1 - Math.exp(-0.5), HashRateMeter.dailyBlockChance(172_800), 1e-12);
        // A slow miner: one block in 1000 days is a chance of about 1 in 1000.5 per day.
        assertEquals(9.995e-4, HashRateMeter.dailyBlockChance(86_400_000), 1e-7);
        assertEquals(0.0, HashRateMeter.dailyBlockChance(Double.POSITIVE_INFINITY));
    }

    @Test
    void aRateThatFindsOneBlockPerDayOnAverageHasA63PercentDailyChance() {
        double rate = 4_294_967_296.0 / 86_400;
        double expected = HashRateMeter.expectedSecondsToBlock(TARGET_2_32_HASHES, rate);
        assertEquals(86_400, expected, 1e-6);
        assertEquals(0.6321205588285577, HashRateMeter.dailyBlockChance(expected), 1e-12);
    }

    @Test
    void difficultyIsMaxTargetOverTarget() {
        BigInteger max = CompactTarget.decode(0x1f00ffffL);
        assertEquals(1.0, HashRateMeter.difficulty(max, max));
        assertEquals(4.0, HashRateMeter.difficulty(max, max.shiftRight(2)));
        assertEquals(65536.0, HashRateMeter.difficulty(max, CompactTarget.decode(0x1d00ffffL)));
    }

    @Test
    void ratesCoverTheSlidingWindowPerThreadAndInTotal() {
        HashRateMeter meter = new HashRateMeter(2, Duration.ofSeconds(10));
        meter.sample(0);
        for (int s = 1; s <= 20; s++) {
            meter.add(0, 1000);
            meter.add(1, s <= 10 ? 3000 : 0);  // thread 1 stops after 10 s
            meter.sample(s * SECOND);
        }
        // The window now spans seconds 10..20: thread 0 did 1000/s, thread 1 nothing.
        assertArrayEquals(new double[] {1000, 0}, meter.perSlotHashesPerSecond(), 1e-9);
        assertEquals(1000, meter.hashesPerSecond(), 1e-9);
        assertEquals(20_000 + 30_000, meter.hashesDone());
    }

    @Test
    void ratesReadZeroUntilTwoSamplesExist() {
        HashRateMeter meter = new HashRateMeter(1, Duration.ofSeconds(10));
        meter.add(0, 5000);
        meter.sample(SECOND);
        assertEquals(0, meter.hashesPerSecond());
        meter.restartWindow();
        assertEquals(0, meter.hashesPerSecond());
    }

    @Test
    void countsBlocksAndRemembersTheLastBlockTime() {
        HashRateMeter meter = new HashRateMeter(1, Duration.ofSeconds(10));
        Instant t = Instant.parse("2026-11-27T10:00:00Z");
        meter.blockFound(t.minusSeconds(60));
        meter.blockFound(t);
        assertEquals(2, meter.blocksFound());
        assertEquals(t, meter.lastBlockTime().orElseThrow());
    }

    @Test
    void rejectsAMeterWithoutSlotsOrWindow() {
        assertThrows(IllegalArgumentException.class, () -> new HashRateMeter(0, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new HashRateMeter(1, Duration.ZERO));
    }
}
