package org.peerchain.consensus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.peerchain.consensus.RegtestFixture.Ancestry;

/** Retargeting on the main network's parameters, and median time past. */
@Timeout(value = 5, unit = TimeUnit.SECONDS)
class DifficultyTest {
    private static final ChainParams MAIN = ChainParams.MAIN;
    private static final int INTERVAL = MAIN.retargetInterval();
    private static final int SPACING = MAIN.targetSpacingSeconds();
    private static final long START = MAIN.genesis().header().time();
    /** Well below the main network's limit, so that a retarget can move either way. */
    private static final long BITS = 0x1d00ffffL;

    /** The headers at heights 0..INTERVAL-1, so the next block is the first of a new window. */
    private static Ancestry window(long spacing, long bits) {
        return Ancestry.regular(INTERVAL, START, spacing, bits);
    }

    private static BigInteger target(long bits) {
        return CompactTarget.decode(bits);
    }

    @Test
    void keepsTheTargetWhenAnIntervalWasMinedExactlyOnSchedule() {
        assertEquals(BITS, Difficulty.nextBits(window(SPACING, BITS), MAIN));
        assertEquals(MAIN.genesis().header().bits(),
                Difficulty.nextBits(window(SPACING, MAIN.genesis().header().bits()), MAIN));
    }

    @Test
    void halvesTheTargetWhenAnIntervalWasMinedTwiceAsFast() {
        long next = Difficulty.nextBits(window(SPACING / 2, BITS), MAIN);
        assertEquals(target(BITS).shiftRight(1), target(next));
        assertEquals(0x1c7fff80L, next);
    }

    @Test
    void doublesTheTargetWhenAnIntervalTookTwiceAsLong() {
        long next = Difficulty.nextBits(window(SPACING * 2L, BITS), MAIN);
        assertEquals(target(BITS).shiftLeft(1), target(next));
    }

    @Test
    void clampsAnAbsurdlyLongIntervalToAFourfoldEasierTarget() {
        long next = Difficulty.nextBits(window(SPACING * 1_000L, BITS), MAIN);
        assertEquals(target(BITS).multiply(BigInteger.valueOf(ChainParams.RETARGET_CLAMP)), target(next));
        assertEquals(0x1d03fffcL, next);
    }

    @Test
    void clampsAnAbsurdlyShortOrBackwardsIntervalToAFourfoldHarderTarget() {
        BigInteger quarter = target(BITS).divide(BigInteger.valueOf(ChainParams.RETARGET_CLAMP));
        assertEquals(quarter, target(Difficulty.nextBits(window(0, BITS), MAIN)));
        assertEquals(quarter, target(Difficulty.nextBits(window(-SPACING, BITS), MAIN)));
        assertEquals(0x1c3fffc0L, Difficulty.nextBits(window(1, BITS), MAIN));
    }

    @Test
    void neverRetargetsToATargetEasierThanTheProofOfWorkLimit() {
        assertEquals(MAIN.powLimitBits(), Difficulty.nextBits(window(SPACING * 1_000L, MAIN.powLimitBits()), MAIN));
        long nearLimit = CompactTarget.encode(MAIN.powLimit().shiftRight(1));
        assertEquals(MAIN.powLimitBits(), Difficulty.nextBits(window(SPACING * 3L, nearLimit), MAIN));
    }

    @Test
    void keepsTheParentsBitsInsideARetargetWindow() {
        Ancestry fast = Ancestry.regular(INTERVAL - 1, START, 1, BITS);
        assertEquals(BITS, Difficulty.nextBits(fast, MAIN));
        Ancestry pastBoundary = Ancestry.regular(INTERVAL + 1, START, 1, BITS);
        assertEquals(BITS, Difficulty.nextBits(pastBoundary, MAIN));
    }

    @Test
    void measuresTheSecondWindowFromTheLastBlockOfTheFirst() {
        // Heights 0..2*INTERVAL-1: the first window slow, the second mined twice as fast.
        int count = 2 * INTERVAL;
        long[] times = new long[count];
        long[] bits = new long[count];
        for (int i = 0; i < count; i++) {
            times[i] = i < INTERVAL ? START + 10L * SPACING * i
                    : START + 10L * SPACING * (INTERVAL - 1) + (long) SPACING / 2 * (i - (INTERVAL - 1));
            bits[i] = BITS;
        }
        long next = Difficulty.nextBits(new Ancestry(times, bits), MAIN);
        assertEquals(target(BITS).shiftRight(1), target(next));
    }

    @Test
    void regtestNeverRetargets() {
        ChainParams regtest = ChainParams.REGTEST;
        Ancestry slow = Ancestry.regular(regtest.retargetInterval(), START, 10_000, regtest.powLimitBits());
        Ancestry fast = Ancestry.regular(regtest.retargetInterval(), START, 0, 0x1f00ffffL);
        assertEquals(regtest.powLimitBits(), Difficulty.nextBits(slow, regtest));
        assertEquals(0x1f00ffffL, Difficulty.nextBits(fast, regtest));
    }

    @Test
    void medianTimePastIsTheMiddleOfTheLastElevenTimesWhateverTheirOrder() {
        long[] times = {900, 5, 1_000, 1_500, 1_200, 1_100, 1_700, 1_300, 1_050, 1_600, 1_400, 1_250};
        long[] bits = new long[times.length];
        // Height 0 (900) is outside the last eleven: sorted, those are 5, 1000, 1050, 1100, 1200, [1250], ...
        assertEquals(1_250, Difficulty.medianTimePast(new Ancestry(times, bits)));
    }

    @Test
    void medianTimePastOfAShortChainUsesEveryBlock() {
        assertEquals(20, Difficulty.medianTimePast(new Ancestry(new long[] {10, 30, 20}, new long[3])));
        assertEquals(7, Difficulty.medianTimePast(new Ancestry(new long[] {7}, new long[1])));
    }
}
