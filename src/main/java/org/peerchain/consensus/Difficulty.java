package org.peerchain.consensus;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * Retargeting and block-time rules. Every {@link ChainParams#retargetInterval()} blocks the target is
 * scaled by how long the last interval took against how long it should have taken, measured over the
 * full interval (Bitcoin's off-by-one that enables the time-warp attack is not repeated), clamped to a
 * factor of {@link ChainParams#RETARGET_CLAMP} and never easier than the network's limit.
 */
public final class Difficulty {
    private Difficulty() {
    }

    /** The bits a block at height {@code chain.height() + 1} must carry. */
    public static long nextBits(HeaderAncestry chain, ChainParams params) {
        int parent = chain.height();
        int next = parent + 1;
        long parentBits = chain.bitsAt(parent);
        if (params.noRetargeting() || next % params.retargetInterval() != 0) {
            return parentBits;
        }
        int first = Math.max(0, parent - params.retargetInterval());
        long targetSpan = (long) params.targetSpacingSeconds() * (parent - first);
        long actualSpan = chain.timeAt(parent) - chain.timeAt(first);
        actualSpan = Math.max(targetSpan / ChainParams.RETARGET_CLAMP,
                Math.min(targetSpan * ChainParams.RETARGET_CLAMP, actualSpan));
        BigInteger target = CompactTarget.decode(parentBits)
                .multiply(BigInteger.valueOf(actualSpan))
                .divide(BigInteger.valueOf(targetSpan));
        if (target.compareTo(params.powLimit()) > 0) {
            target = params.powLimit();
        }
        return CompactTarget.encode(target);
    }

    /** The median of the times of the last {@link ChainParams#MEDIAN_TIME_SPAN} blocks ending at the tip. */
    public static long medianTimePast(HeaderAncestry chain) {
        int tip = chain.height();
        int count = Math.min(ChainParams.MEDIAN_TIME_SPAN, tip + 1);
        long[] times = new long[count];
        for (int i = 0; i < count; i++) {
            times[i] = chain.timeAt(tip - i);
        }
        Arrays.sort(times);
        return times[count / 2];
    }
}
