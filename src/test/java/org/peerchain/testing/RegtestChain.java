package org.peerchain.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.peerchain.chain.BlockOutcome;
import org.peerchain.chain.ChainState;
import org.peerchain.consensus.ValidationException;
import org.peerchain.core.Block;
import org.peerchain.core.KeyHash;
import org.peerchain.core.OutPoint;
import org.peerchain.core.Transaction;
import org.peerchain.events.EventBus;
import org.peerchain.mempool.Mempool;

/**
 * A regtest {@link ChainState} on a real SQLite file in {@code dir}, with a clock the test controls, its
 * own event bus and signature-checking threads, and helpers that mine blocks on its tip.
 */
public final class RegtestChain implements AutoCloseable {
    /** Far enough after genesis that blocks built one second apart never look "too new". */
    public static final long DEFAULT_CLOCK = RegtestBlocks.PARAMS.genesis().header().time() + 1_000_000;
    private static final AtomicInteger THREADS = new AtomicInteger();

    public final Path dir;
    public final AtomicLong clock;
    public final EventBus events;
    public final ChainState chain;
    private final ExecutorService verifiers;
    private long nextTag = 1;

    private RegtestChain(Path dir, AtomicLong clock, EventBus events, ExecutorService verifiers, ChainState chain) {
        this.dir = dir;
        this.clock = clock;
        this.events = events;
        this.verifiers = verifiers;
        this.chain = chain;
    }

    public static RegtestChain open(Path dir) {
        return open(dir, new EventBus());
    }

    /** Opens the chain with {@code events}, so a test can listen to what opening publishes. */
    public static RegtestChain open(Path dir, EventBus events) {
        AtomicLong clock = new AtomicLong(DEFAULT_CLOCK);
        ExecutorService verifiers = verifierThreads();
        try {
            ChainState chain = ChainState.open(dir, RegtestBlocks.PARAMS, events, verifiers, clock::get);
            return new RegtestChain(dir, clock, events, verifiers, chain);
        } catch (RuntimeException e) {
            verifiers.shutdownNow();
            throw e;
        }
    }

    public static ExecutorService verifierThreads() {
        ThreadFactory named = r -> {
            Thread t = new Thread(r, "test-sigcheck-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        return Executors.newFixedThreadPool(2, named);
    }

    public Mempool mempool(long maxBytes) {
        return new Mempool(chain, events, maxBytes, clock::get);
    }

    public BlockOutcome process(Block block) throws ValidationException {
        return chain.processBlock(block);
    }

    public void processAll(List<Block> blocks) throws ValidationException {
        for (Block b : blocks) {
            process(b);
        }
    }

    /** Builds a block with {@code txs} on the tip, paying {@code payTo}, without processing it. */
    public Block blockOnTip(List<Transaction> txs, KeyHash payTo) {
        return RegtestBlocks.build(chain.tip().header(), chain.height() + 1, txs, payTo, nextTag++);
    }

    /** Mines a block with {@code txs} on the tip and processes it; it must become the tip. */
    public Block mine(List<Transaction> txs, KeyHash payTo) throws ValidationException {
        Block b = blockOnTip(txs, payTo);
        BlockOutcome outcome = process(b);
        if (outcome != BlockOutcome.ACTIVE) {
            throw new IllegalStateException("a block mined on the tip became " + outcome);
        }
        return b;
    }

    public List<Block> mineEmpty(int count, KeyHash payTo) throws ValidationException {
        List<Block> mined = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            mined.add(mine(List.of(), payTo));
        }
        return mined;
    }

    /** The active chain's blocks from height 1 to the tip, read from the store. */
    public List<Block> activeBlocks() {
        List<Block> blocks = new ArrayList<>();
        for (int h = 1; h <= chain.height(); h++) {
            blocks.add(chain.block(chain.entryAt(h).hash()));
        }
        return blocks;
    }

    /** The coinbase output of the active block at {@code height}. */
    public OutPoint coinbaseAt(int height) {
        return RegtestBlocks.coinbaseOf(chain.block(chain.entryAt(height).hash()));
    }

    @Override
    public void close() {
        try {
            chain.close();
        } finally {
            verifiers.shutdownNow();
        }
    }
}
