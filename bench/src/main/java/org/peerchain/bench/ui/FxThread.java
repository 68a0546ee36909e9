package org.peerchain.bench.ui;

import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;

/** Runs a step of a benchmark on the FX thread and waits for its result, once the toolkit is up. */
final class FxThread {
    private static final long TOOLKIT_TIMEOUT_MILLIS = 60_000;
    private static final long STEP_TIMEOUT_MILLIS = 30_000;

    private FxThread() {
    }

    static <T> T call(Callable<T> step) throws Exception {
        FutureTask<T> task = new FutureTask<>(step);
        long deadline = System.currentTimeMillis() + TOOLKIT_TIMEOUT_MILLIS;
        while (true) {
            try {
                Platform.runLater(task);
                break;
            } catch (IllegalStateException notYetStarted) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("the JavaFX toolkit did not start in " + TOOLKIT_TIMEOUT_MILLIS + " ms");
                }
                Thread.sleep(5);
            }
        }
        return task.get(STEP_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    }
}
