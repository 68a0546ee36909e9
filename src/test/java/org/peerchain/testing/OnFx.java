package org.peerchain.testing;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.testfx.util.WaitForAsyncUtils;

/** Runs a step of a test on the FX thread and waits for its result (at most ten seconds). */
public final class OnFx {
    private static final long ANSWER_SECONDS = 10;

    private OnFx() {
    }

    public static <T> T onFx(Callable<T> work) {
        try {
            return WaitForAsyncUtils.asyncFx(work).get(ANSWER_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the FX thread did not answer", e);
        }
    }
}
