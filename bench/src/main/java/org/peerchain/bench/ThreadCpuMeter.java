package org.peerchain.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.TreeMap;

/**
 * The CPU time the process's threads spent between {@link #start()} and {@link #perBlock}, summed by thread name with
 * digits masked ({@code verify-#}), and what the JVM spent outside Java threads (GC, JIT). Threads that ended in
 * between are counted in the JVM's share.
 */
final class ThreadCpuMeter {
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final Map<String, Long> startByGroup;
    private final long processStart;

    private ThreadCpuMeter() {
        startByGroup = byGroup();
        processStart = os.getProcessCpuTime();
    }

    static ThreadCpuMeter start() {
        return new ThreadCpuMeter();
    }

    /** The process's CPU in milliseconds a block since the start. */
    double processMsPerBlock(int blocks) {
        return (os.getProcessCpuTime() - processStart) / 1e6 / blocks;
    }

    /** " group ms; group ms; ... other (GC, JIT) ms", a block's share of each since the start (5 us and more). */
    String perBlock(int blocks) {
        double processMs = processMsPerBlock(blocks);
        StringBuilder out = new StringBuilder();
        double javaThreadsMs = 0;
        for (Map.Entry<String, Long> e : byGroup().entrySet()) {
            double ms = (e.getValue() - startByGroup.getOrDefault(e.getKey(), 0L)) / 1e6 / blocks;
            javaThreadsMs += ms;
            if (ms >= 0.005) {
                out.append(String.format(" %s %.3f;", e.getKey(), ms));
            }
        }
        out.append(String.format(" other (GC, JIT) %.3f", processMs - javaThreadsMs));
        return out.toString();
    }

    private Map<String, Long> byGroup() {
        Map<String, Long> out = new TreeMap<>();
        for (ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (t == null) {
                continue;
            }
            long cpu = threads.getThreadCpuTime(t.getThreadId());
            if (cpu > 0) {
                out.merge(t.getThreadName().replaceAll("[0-9]+", "#"), cpu, Long::sum);
            }
        }
        return out;
    }
}
