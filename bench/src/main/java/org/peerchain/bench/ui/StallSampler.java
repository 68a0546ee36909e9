package org.peerchain.bench.ui;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the FX thread is while a pulse is late: a daemon thread that, whenever the last pulse is more than
 * {@link #LATE_MILLIS} old, takes the FX thread's stack every {@link #EVERY_MILLIS} and counts it by a short
 * signature (the frame on top, the first of ours, the first of the scene graph's). What comes out names the work
 * behind the longest gaps, which a profiler's samples over the whole run would bury.
 */
final class StallSampler implements AutoCloseable {
    static final long LATE_MILLIS = 40;
    private static final long EVERY_MILLIS = 5;

    private final Thread fx;
    private final Thread sampler;
    private final Map<String, Integer> counts = new HashMap<>();
    /** Every late sample with its time, to say what each of the longest gaps was made of. */
    private final List<Sample> timeline = new ArrayList<>();
    private volatile long lastPulse = System.nanoTime();
    private volatile boolean running = true;
    private int samples;

    StallSampler(Thread fx) {
        this.fx = fx;
        this.sampler = new Thread(this::sample, "stall-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** A pulse happened now (called on the FX thread). */
    void pulse(long nanos) {
        lastPulse = nanos;
    }

    private void sample() {
        while (running) {
            if ((System.nanoTime() - lastPulse) / 1_000_000 > LATE_MILLIS) {
                String key = signature(fx.getStackTrace());
                long at = System.nanoTime();
                synchronized (counts) {
                    counts.merge(key, 1, Integer::sum);
                    samples++;
                    timeline.add(new Sample(at, key));
                }
            }
            try {
                Thread.sleep(EVERY_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * What the FX thread was doing, coarsely: the kind of toolkit work (CSS, layout, text, FXML, rendering, class
     * loading, waiting) and the first frame of ours that led to it, so many small samples add up to their cause.
     */
    static String signature(StackTraceElement[] stack) {
        if (stack.length == 0) {
            return "(no stack)";
        }
        String ours = null;
        String screen = null;
        String kind = null;
        for (StackTraceElement f : stack) {
            String c = f.getClassName();
            if (ours == null && c.startsWith("org.peerchain.") && !c.startsWith("org.peerchain.ui.fx.FxDispatcher")) {
                ours = frame(f);
            }
            // below the node's code (a lock, a query), the window's code that called it
            if (screen == null && ours != null && c.startsWith("org.peerchain.ui.") && !c.startsWith("org.peerchain.ui.fx.")) {
                screen = frame(f);
            }
            if (kind == null) {
                kind = kind(c, f.getMethodName());
            }
        }
        if (kind == null) {
            kind = "other (" + frame(stack[0]) + ")";
        }
        if (ours == null) {
            return kind;
        }
        return screen == null || screen.equals(ours) ? kind + " < " + ours : kind + " < " + ours + " < " + screen;
    }

    private static String kind(String c, String method) {
        if (c.startsWith("com.sun.glass.ui.gtk.GtkApplication") && method.equals("_runLoop")) {
            return "idle in the event loop";
        }
        if (c.equals("jdk.internal.misc.Unsafe") && method.equals("park")) {
            return "waiting on a lock";
        }
        if (c.startsWith("java.lang.ClassLoader") || c.startsWith("jdk.internal.loader.")) {
            return "class loading";
        }
        if (c.startsWith("javafx.fxml.")) {
            return "FXML";
        }
        if (c.startsWith("javafx.css.") || c.startsWith("com.sun.javafx.css.") || c.equals("javafx.scene.CssStyleHelper")
                || method.equals("applyCss") || method.equals("processCSS")) {
            return "CSS";
        }
        if (c.startsWith("com.sun.javafx.text.") || c.startsWith("com.sun.javafx.font.")) {
            return "text";
        }
        if (method.equals("layout") || method.equals("layoutChildren") || method.startsWith("computePref")) {
            return "layout";
        }
        if (c.startsWith("com.sun.glass.ui.") || c.startsWith("com.sun.prism.") || c.startsWith("com.sun.javafx.sg.")) {
            return "rendering";
        }
        return null;
    }

    private static String frame(StackTraceElement f) {
        String c = f.getClassName();
        return c.substring(c.lastIndexOf('.') + 1) + "." + f.getMethodName();
    }

    private record Sample(long nanos, String signature) {
    }

    /** The {@code n} most frequent signatures of the samples taken between two times, with their counts. */
    String during(long fromNanos, long toNanos, int n) {
        Map<String, Integer> within = new HashMap<>();
        synchronized (counts) {
            for (Sample s : timeline) {
                if (s.nanos() >= fromNanos && s.nanos() <= toNanos) {
                    within.merge(s.signature(), 1, Integer::sum);
                }
            }
        }
        StringBuilder s = new StringBuilder();
        for (Map.Entry<String, Integer> e : mostFrequent(within, n)) {
            s.append(s.length() == 0 ? "" : "; ").append(e.getValue()).append(" x ").append(e.getKey());
        }
        return s.toString();
    }

    private static List<Map.Entry<String, Integer>> mostFrequent(Map<String, Integer> counted, int n) {
        List<Map.Entry<String, Integer>> top = new ArrayList<>();
        counted.forEach((signature, count) -> top.add(Map.entry(signature, count)));
        top.sort((a, b) -> b.getValue() - a.getValue());
        return List.copyOf(top.subList(0, Math.min(n, top.size())));
    }

    /** The most frequent signatures since the last report, each with its share of the late samples; starts afresh. */
    String report(int n) {
        List<Map.Entry<String, Integer>> top;
        int total;
        synchronized (counts) {
            top = mostFrequent(counts, n);
            total = samples;
            counts.clear();
            samples = 0;
        }
        StringBuilder s = new StringBuilder(String.format("the FX thread while a pulse was over %d ms late (%,d samples"
                + " every %d ms):", LATE_MILLIS, total, EVERY_MILLIS));
        for (Map.Entry<String, Integer> e : top) {
            s.append(String.format("%n  %4.1f%%  %s", 100.0 * e.getValue() / Math.max(1, total), e.getKey()));
        }
        return s.toString();
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
