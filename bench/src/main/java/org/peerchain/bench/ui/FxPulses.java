package org.peerchain.bench.ui;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import javafx.animation.AnimationTimer;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.stage.Window;

/**
 * Notes the time of every JavaFX pulse. A running animation timer makes the toolkit pulse at its frame rate (60 a
 * second), so a gap between two pulses longer than a frame is time the FX thread was busy or kept waiting.
 */
final class FxPulses {
    private final AnimationTimer timer;
    private long[] times = new long[1 << 16];
    private int count;
    private StallSampler stalls;
    /**
     * With {@code -Dpeerchain.bench.census=true} (a diagnostic: walking the scene every pulse slows it), which kinds of
     * nodes came into the windows between two pulses more than {@link #CENSUS_GAP_NANOS} apart, by the later one's time.
     */
    private final boolean census = Boolean.getBoolean("peerchain.bench.census");
    private static final long CENSUS_GAP_NANOS = 80_000_000;
    private Map<String, Integer> lastCensus = Map.of();
    private final Map<Long, String> arrivals = new TreeMap<>();

    private FxPulses() {
        timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                if (count == times.length) {
                    times = Arrays.copyOf(times, times.length * 2);
                }
                long t = System.nanoTime();
                if (census) {
                    Map<String, Integer> seen = new HashMap<>();
                    for (Window w : Window.getWindows()) {
                        if (w.isShowing() && w.getScene() != null) {
                            count(w.getScene().getRoot(), seen);
                        }
                    }
                    if (count > 0 && t - times[count - 1] > CENSUS_GAP_NANOS) {
                        arrivals.put(t, difference(lastCensus, seen));
                    }
                    lastCensus = seen;
                }
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

    private static void count(Node n, Map<String, Integer> into) {
        into.merge(n.getClass().getSimpleName(), 1, Integer::sum);
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                count(c, into);
            }
        }
    }

    private static String difference(Map<String, Integer> before, Map<String, Integer> after) {
        Map<String, Integer> added = new HashMap<>();
        after.forEach((k, v) -> {
            int d = v - before.getOrDefault(k, 0);
            if (d != 0) {
                added.put(k, d);
            }
        });
        return added.entrySet().stream().sorted((a, b) -> Math.abs(b.getValue()) - Math.abs(a.getValue())).limit(10)
                .map(e -> String.format("%+d %s", e.getValue(), e.getKey())).reduce((a, b) -> a + ", " + b)
                .orElse("no node came or went");
    }

    /** With the census on: the nodes that came and went before the pulse at {@code endNanos}, or "". */
    String arrivedBefore(long endNanos) {
        String a = arrivals.get(endNanos);
        return a == null ? "" : a;
    }

    /** What the FX thread was sampled doing between two times (late samples only). */
    String during(long fromNanos, long toNanos, int n) {
        return stalls.during(fromNanos, toNanos, n);
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
