package org.peerchain.mining;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.peerchain.consensus.CompactTarget;
import org.peerchain.core.Block;
import org.peerchain.core.BlockHeader;
import org.peerchain.core.Hash;

@Timeout(60)
class MinerTest {
    private static final BigInteger MAX_TARGET = CompactTarget.decode(TestWorkSource.EASY_BITS);
    private static final long WAIT_SECONDS = 20;
    private static final Hash TIP_A = TestWorkSource.hashOf("tip A");
    private static final Hash TIP_B = TestWorkSource.hashOf("tip B");

    private final BlockingQueue<Block> found = new LinkedBlockingQueue<>();
    private final BlockingQueue<MiningError> errors = new LinkedBlockingQueue<>();
    private final BlockingQueue<WorkSwitch> switches = new LinkedBlockingQueue<>();
    private final List<MiningStats> stats = new CopyOnWriteArrayList<>();
    private Miner miner;

    @AfterEach
    void stopMiner() {
        if (miner != null) {
            miner.close();
        }
    }

    private Miner miner(WorkSource source, BlockSink sink, MinerOptions options) {
        miner = new Miner(source, sink, options);
        miner.addListener(new MiningListener() {
            @Override
            public void onError(MiningError error) {
                errors.add(error);
            }

            @Override
            public void onWorkStarted(WorkSwitch s) {
                switches.add(s);
            }

            @Override
            public void onStats(MiningStats s) {
                stats.add(s);
            }
        });
        return miner;
    }

    private static MinerOptions options() {
        return MinerOptions.defaults(MAX_TARGET).withThreads(Miner.maxThreads());
    }

    /** Proof of work checked the plain way: SHA-256 twice with MessageDigest, compared as a BigInteger. */
    private static boolean naiveProofOfWork(BlockHeader h) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] hash = sha.digest(sha.digest(h.serialize()));
        long bits = h.bits();
        BigInteger target = BigInteger.valueOf(bits & 0x7fffff).shiftLeft(8 * ((int) (bits >>> 24) - 3));
        return new BigInteger(1, hash).compareTo(target) <= 0;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
            Thread.sleep(5);
        }
    }

    private static Set<String> liveMiningThreads() {
        Set<String> names = new HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && (t.getName().startsWith(Miner.THREAD_PREFIX) || t.getName().equals(Miner.STATS_THREAD))) {
                names.add(t.getName());
            }
        }
        return names;
    }

    @Test
    void aBlockMinedAtAnEasyTargetPassesANaiveProofOfWorkCheckAndBuildsOnTheTemplate() throws Exception {
        TestWorkSource source = new TestWorkSource(TIP_A, TestWorkSource.EASY_BITS);
        miner(source, found::add, options()).start();
        Block block = found.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(block, "no block found within " + WAIT_SECONDS + " s");
        BlockHeader h = block.header();
        assertTrue(naiveProofOfWork(h), "header " + h.hash() + " does not meet its target");
        assertEquals(TIP_A, h.prevHash());
        assertTrue(source.extraNonces.stream().anyMatch(e -> TestWorkSource.merkleRootFor(e).equals(h.merkleRoot())));
        assertEquals(TestWorkSource.EASY_BITS, h.bits());
        assertTrue(errors.isEmpty(), "errors: " + errors);
    }

    @Test
    void theClonedDigestFallbackMinesValidBlocksToo() throws Exception {
        TestWorkSource source = new TestWorkSource(TIP_A, TestWorkSource.EASY_BITS);
        miner(source, found::add, options().withHashers(HeaderHashers::clonedDigest)).start();
        Block block = found.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(block);
        assertTrue(naiveProofOfWork(block.header()));
        assertEquals("cloned-digest", miner.stats().hasherPath());
    }

    @Test
    void newWorkMakesEveryThreadDropTheOldTipAndTheNextBlockBuildsOnTheNewOne() throws Exception {
        TestWorkSource source = new TestWorkSource(TIP_A, TestWorkSource.IMPOSSIBLE_BITS);
        miner(source, found::add, options()).start();
        await("hashing on tip A", () -> miner.meter().hashesDone() > 100_000);
        switches.clear();

        source.setTip(TIP_B, TestWorkSource.EASY_BITS);
        assertTrue(miner.newWork());
        WorkSwitch s = switches.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(s, "no thread started on the new work");
        assertEquals(TIP_B, s.prevHash());
        assertTrue(s.latency().compareTo(Duration.ofMillis(500)) < 0, "switch took " + s.latency());

        Block block = found.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(block, "no block found on the new tip");
        assertEquals(TIP_B, block.header().prevHash());
        assertTrue(naiveProofOfWork(block.header()));
    }

    @Test
    void exhaustingATinyNonceRangeTakesAFreshExtraNonceAndStillFindsAValidBlock() throws Exception {
        // The clock stands still at the template time, so the time cannot roll: only a new extra nonce helps.
        TestWorkSource source = new TestWorkSource(TIP_A, TestWorkSource.IMPOSSIBLE_BITS);
        long firstExtraNonce = 1;
        source.setBits(e -> e == firstExtraNonce ? TestWorkSource.IMPOSSIBLE_BITS : TestWorkSource.EASY_BITS);
        long nonceLimit = 999;
        MinerOptions opts = options().withNonceLimit(nonceLimit).withClock(() -> TestWorkSource.TEMPLATE_TIME);
        miner(source, found::add, opts).start();

        Block block = found.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(block, "no block after rolling the extra nonce");
        BlockHeader h = block.header();
        assertTrue(naiveProofOfWork(h));
        assertTrue(h.nonce() <= nonceLimit, "nonce " + h.nonce() + " is beyond the limit");
        assertEquals(TestWorkSource.TEMPLATE_TIME, h.time());
        assertNotEquals(TestWorkSource.merkleRootFor(firstExtraNonce), h.merkleRoot());
        miner.stop();
        List<Long> asked = List.copyOf(source.extraNonces);
        assertTrue(asked.size() > 2, "extra nonces asked for: " + asked);
        assertEquals(asked.size(), new HashSet<>(asked).size(), "an extra nonce was repeated: " + asked);
    }

    @Test
    void exhaustingATinyNonceRangeRollsTheTimeToTheClockWhenItHasMoved() throws Exception {
        TestWorkSource source = new TestWorkSource(TIP_A, TestWorkSource.EASY_BITS);
        AtomicLong clock = new AtomicLong(TestWorkSource.TEMPLATE_TIME);
        long nonceLimit = 999;
        MinerOptions opts = options().withNonceLimit(nonceLimit).withClock(clock::incrementAndGet);
        miner(source, found::add, opts).start();

        Block rolled = null;
        while (rolled == null) {
            Block b = found.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertNotNull(b, "no block found");
            if (b.header().time() > TestWorkSource.TEMPLATE_TIME) {
                rolled = b;
            }
        }
        miner.stop();
        BlockHeader h = rolled.header();
        assertTrue(naiveProofOfWork(h));
        assertTrue(h.nonce() <= nonceLimit);
        assertTrue(source.extraNonces.stream().anyMatch(e -> TestWorkSource.merkleRootFor(e).equals(h.merkleRoot())));
        // Each block found asks for one new template; rolling the time asked for none.
        long blocks = miner.meter().blocksFound();
        assertTrue(source.extraNonces.size() <= blocks + 1,
                source.extraNonces.size() + " templates asked for with " + blocks + " blocks found");
    }

    @Test
    void startStopAndSetThreadsInALoopLeaveNoThreadBehind() throws Exception {
        assertEquals(Set.of(), liveMiningThreads());
        TestWorkSource source = new TestWorkSource(TIP_A, TestWorkSource.IMPOSSIBLE_BITS);
        miner(source, found::add, MinerOptions.defaults(MAX_TARGET));
        int max = Miner.maxThreads();
        for (int round = 0; round < 20; round++) {
            int n = 1 + round % max;
            miner.start();
            miner.setThreads(n);
            assertEquals(n, liveMiningThreads().stream().filter(t -> t.startsWith(Miner.THREAD_PREFIX)).count());
            miner.setThreads(1 + (round + 1) % max);
            miner.stop();
            assertEquals(Set.of(), liveMiningThreads(), "round " + round);
            miner.setThreads(n);
        }
        assertFalse(miner.isRunning());
        assertTrue(errors.isEmpty(), "errors: " + errors);
    }

    @Test
    void newWorkWhileStoppedFetchesNothingAndStartTakesFreshWork() throws Exception {
        TestWorkSource source = new TestWorkSource(TIP_A, TestWorkSource.EASY_BITS);
        miner(source, found::add, options());
        assertFalse(miner.newWork());
        assertEquals(List.of(), source.extraNonces);
        source.setTip(TIP_B, TestWorkSource.EASY_BITS);
        miner.start();
        Block block = found.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(block);
        assertEquals(TIP_B, block.header().prevHash());
    }

    @Test
    void setThreadsRejectsZeroAndMoreThanTheCores() {
        miner(new TestWorkSource(TIP_A, TestWorkSource.IMPOSSIBLE_BITS), found::add, MinerOptions.defaults(MAX_TARGET));
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> miner.setThreads(0));
        assertTrue(zero.getMessage().contains("between 1 and " + Miner.maxThreads()), zero.getMessage());
        assertThrows(IllegalArgumentException.class, () -> miner.setThreads(Miner.maxThreads() + 1));
    }

    @Test
    void aSinkThatRefusesABlockIsReportedWithItsReasonAndMiningGoesOn() throws Exception {
        TestWorkSource source = new TestWorkSource(TIP_A, TestWorkSource.EASY_BITS);
        IllegalStateException refusal = new IllegalStateException("bad-txns-inputs-missingorspent");
        miner(source, b -> {
            throw refusal;
        }, options()).start();
        MiningError first = errors.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(first);
        assertEquals(MiningError.BLOCK_SINK_FAILED, first.reason());
        assertTrue(first.message().contains("bad-txns-inputs-missingorspent"), first.message());
        assertSame(refusal, first.cause());
        // Mining goes on with fresh work and finds (and reports) again.
        assertNotNull(errors.poll(WAIT_SECONDS, TimeUnit.SECONDS));
        assertTrue(source.extraNonces.size() >= 2);
        assertEquals(0, miner.meter().blocksFound());
    }

    @Test
    void aBlockAnotherBeatToTheTipIsCountedAsStaleNotReportedAsAnError() throws Exception {
        TestWorkSource source = new TestWorkSource(TIP_A, TestWorkSource.EASY_BITS);
        miner(source, b -> {
            throw new StaleBlockException("another block reached the tip first");
        }, options()).start();
        await("two stale blocks", () -> miner.stats().staleBlocks() >= 2);
        assertNull(errors.poll(), "a lost race is not a mining error");
        assertEquals(0, miner.meter().blocksFound());
        assertTrue(miner.stats().staleBlocks() >= 2, "the stats a view-model binds to carry the count");
    }

    @Test
    void aFailingWorkSourceIsReportedAndTheMinerIdlesUntilWorkComes() throws Exception {
        TestWorkSource good = new TestWorkSource(TIP_B, TestWorkSource.EASY_BITS);
        AtomicLong failures = new AtomicLong(1);
        WorkSource flaky = e -> {
            if (failures.getAndDecrement() > 0) {
                throw new IllegalStateException("chain is still loading");
            }
            return good.nextWork(e);
        };
        miner(flaky, found::add, options()).start();
        MiningError error = errors.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(error);
        assertEquals(MiningError.WORK_SOURCE_FAILED, error.reason());
        assertTrue(error.message().contains("chain is still loading"), error.message());
        assertTrue(miner.isRunning());
        assertEquals(0, miner.meter().hashesDone());

        assertTrue(miner.newWork());
        Block block = found.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(block);
        assertEquals(TIP_B, block.header().prevHash());
    }

    @Test
    void anUndecodableTargetIsReportedAsBadTarget() throws Exception {
        TestWorkSource source = new TestWorkSource(TIP_A, 0x04923456L);
        miner(source, found::add, options()).start();
        assertFalse(miner.newWork());
        MiningError error = errors.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(error);
        assertEquals(MiningError.BAD_TARGET, error.reason());
        assertTrue(error.message().contains("negative"), error.message());
    }

    @Test
    void statsArePublishedAboutOncePerIntervalWithTheRateAndAFinalStoppedSnapshot() throws Exception {
        TestWorkSource source = new TestWorkSource(TIP_A, TestWorkSource.IMPOSSIBLE_BITS);
        Duration interval = Duration.ofMillis(100);
        miner(source, found::add, options().withStatsInterval(interval)).start();
        await("five stats events", () -> stats.size() >= 5);
        miner.stop();

        List<MiningStats> seen = List.copyOf(stats);
        for (int i = 1; i < seen.size() - 1; i++) {
            long gapMillis = Duration.between(seen.get(i - 1).time(), seen.get(i).time()).toMillis();
            assertTrue(gapMillis >= interval.toMillis() / 2, "stats " + gapMillis + " ms apart");
        }
        MiningStats running = seen.get(seen.size() - 2);
        assertTrue(running.running());
        assertTrue(running.hashesPerSecond() > 0);
        assertEquals(Miner.maxThreads(), running.perThreadHashesPerSecond().size());
        assertEquals("jdk-intrinsic", running.hasherPath());
        assertEquals(TestWorkSource.IMPOSSIBLE_BITS, running.bits());
        assertTrue(running.expectedSecondsToBlock() > 1e60);
        MiningStats last = seen.get(seen.size() - 1);
        assertFalse(last.running());
        assertEquals(0, last.hashesPerSecond());
        assertTrue(last.hashesDone() > 0);
    }
}
