package org.peerchain.mining;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.peerchain.consensus.CompactTarget;

/**
 * Mining threads run at the operating system's lowest priority, each on its own: read back from the kernel (Linux's
 * {@code /proc}), not from Java's priority hint.
 */
@Timeout(30)
class LowPriorityTest {
    /** A thread's nice value: field 19 of its {@code stat} line, counted after the command name in brackets. */
    static int niceOf(Path stat) throws IOException {
        String line = Files.readString(stat);
        String[] after = line.substring(line.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(after[16]);
    }

    @Test
    void theCallingThreadAloneDropsToNice19() throws Exception {
        assumeTrue(Path.of("/proc/thread-self/stat").toFile().exists(), "reads the nice value from Linux's /proc");
        int mine = niceOf(Path.of("/proc/thread-self/stat"));
        CompletableFuture<int[]> seen = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                int before = niceOf(Path.of("/proc/thread-self/stat"));
                boolean took = LowPriority.lowerCurrentThread();
                seen.complete(new int[] {before, took ? 1 : 0, niceOf(Path.of("/proc/thread-self/stat"))});
            } catch (IOException | RuntimeException e) {
                seen.completeExceptionally(e);
            }
        }, "low-priority-test");
        t.start();
        int[] r = seen.get(10, TimeUnit.SECONDS);
        assertEquals(mine, r[0], "a new thread starts at its creator's nice value");
        assertEquals(1, r[1], "the kernel took the lower priority");
        assertEquals(LowPriority.LINUX_NICE, r[2]);
        assertEquals(mine, niceOf(Path.of("/proc/thread-self/stat")), "the thread that did not ask keeps its own");
    }

    /** The nice values of this process's threads whose name starts with {@code prefix}. */
    static List<Integer> niceOfThreadsNamed(String prefix) throws IOException {
        List<Integer> nices = new ArrayList<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    if (Files.readString(task.resolve("comm")).strip().startsWith(prefix)) {
                        nices.add(niceOf(task.resolve("stat")));
                    }
                } catch (IOException gone) {
                    // the thread ended while we looked
                }
            }
        }
        return nices;
    }

    @Test
    void everyMiningThreadRunsAtNice19() throws Exception {
        assumeTrue(Path.of("/proc/self/task").toFile().isDirectory(), "reads the nice values from Linux's /proc");
        Miner miner = new Miner(new TestWorkSource(TestWorkSource.hashOf("tip"), TestWorkSource.IMPOSSIBLE_BITS),
                b -> { }, MinerOptions.defaults(CompactTarget.decode(TestWorkSource.EASY_BITS)).withThreads(2));
        try {
            miner.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            List<Integer> nices = niceOfThreadsNamed(Miner.THREAD_PREFIX);
            while (!(nices.size() == 2 && nices.stream().allMatch(n -> n == LowPriority.LINUX_NICE))
                    && System.nanoTime() < deadline) {
                Thread.onSpinWait();
                nices = niceOfThreadsNamed(Miner.THREAD_PREFIX);
            }
            assertEquals(List.of(LowPriority.LINUX_NICE, LowPriority.LINUX_NICE), nices, "both hashing threads");
            assertNotEquals(LowPriority.LINUX_NICE, niceOf(Path.of("/proc/thread-self/stat")),
                    "the thread that started the miner keeps its priority");
        } finally {
            miner.stop();
        }
    }
}
