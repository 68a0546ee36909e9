package org.peerchain.bench.ui;

import java.util.Arrays;
import javafx.animation.AnimationTimer;

/**
 * Notes the time of every JavaFX pulse. A running animation timer makes the toolkit pulse at its frame rate (60 a
 * second), so a gap between two pulses longer than a frame is time the FX thread was busy or kept waiting.
 */
final class FxPulses {
    private final AnimationTimer timer;
    private long[] times = new long[1 << 16];
    private int count;
    private StallSampler stalls;

    private FxPulses() {
        timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                if (count == times.length) {
                    times = Arrays.copyOf(times, times.length * 2);
                }
                long t = System.nanoTime();
                times[count++] = t;
                stalls.pulse(t);
            }
        };
    }

    /** Starts noting pulses (the FX toolkit must be running). */
    static FxPulses install() throws Exception {
        FxPulses p = new FxPulses();
        FxThread.call(() -> {
            p.stalls = new StallSampler(Thread.currentThread());
            p.timer.start();
            return null;
        });
        return p;
    }

    /** What the FX thread was doing during late pulses since the last call. */
    String stallReport(int n) {
        return stalls.report(n);
    }

    /** Stops, and returns the times of the pulses seen ({@link System#nanoTime()}), at least two. */
    long[] stop() throws Exception {
        return FxThread.call(() -> {
            timer.stop();
            stalls.close();
            if (count < 2) {
                throw new IllegalStateException("fewer than two FX pulses were seen");
            }
            return Arrays.copyOf(times, count);
        });
    }
}
