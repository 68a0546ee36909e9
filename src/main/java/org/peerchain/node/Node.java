package org.peerchain.node;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.peerchain.chain.BlockOutcome;
import org.peerchain.chain.ChainState;
import org.peerchain.chain.ChainStoreException;
import org.peerchain.consensus.ChainParams;
import org.peerchain.consensus.ValidationException;
import org.peerchain.core.Block;
import org.peerchain.core.Transaction;
import org.peerchain.events.EventBus;
import org.peerchain.mempool.Mempool;
import org.peerchain.mining.BlockAssembler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: one running node, its data directory, chain, mempool and services. The desktop
 * wallet and the {@code node} command both run one of these; everything they show or do goes through it.
 */
public final class Node implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Node.class);

    private final NodeConfig config;
    private final EventBus events;
    private final DataDirectoryLock dirLock;
    private final ExecutorService verifyPool;
    private final ChainState chain;
    private final Mempool mempool;
    private final BlockAssembler assembler;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicBoolean closing = new AtomicBoolean();

    private Node(NodeConfig config, DataDirectoryLock dirLock, ExecutorService verifyPool, ChainState chain,
            EventBus events) {
        this.config = config;
        this.events = events;
        this.dirLock = dirLock;
        this.verifyPool = verifyPool;
        this.chain = chain;
        this.mempool = new Mempool(chain, events, Mempool.DEFAULT_MAX_BYTES, Node::nowSeconds);
        this.assembler = new BlockAssembler(chain, mempool, Node::nowSeconds);
    }

    public static long nowSeconds() {
        return System.currentTimeMillis() / 1000;
    }

    /** Opens the data directory and starts every configured service; fails with a message a user can act on. */
    public static Node start(NodeConfig config) throws NodeStartException {
        DataDirectoryLock lock = DataDirectoryLock.acquire(config.dataDir());
        ExecutorService pool = verificationPool();
        Node node = null;
        try {
            EventBus bus = new EventBus();
            ChainState chain = ChainState.open(config.dataDir(), config.params(), bus, pool, Node::nowSeconds);
            node = new Node(config, lock, pool, chain, bus);
            node.startServices();
            log.info("PeerChain node on {} started in {}: height {}", config.params().name(), config.dataDir(),
                    chain.height());
            return node;
        } catch (ChainStoreException e) {
            pool.shutdownNow();
            lock.close();
            throw new NodeStartException(e.getMessage(), e);
        } catch (NodeStartException | RuntimeException e) {
            if (node != null) {
                node.close();
            } else {
                pool.shutdownNow();
                lock.close();
            }
            throw e;
        }
    }

    private void startServices() throws NodeStartException {
        try {
            PortsFile.write(config.dataDir(), 0, 0);
        } catch (IOException e) {
            throw new NodeStartException("Cannot write " + config.dataDir().resolve(PortsFile.FILE_NAME) + ": "
                    + e.getMessage(), e);
        }
    }

    private static ExecutorService verificationPool() {
        AtomicInteger n = new AtomicInteger();
        return Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), r -> {
            Thread t = new Thread(r, "verify-" + n.getAndIncrement());
            t.setDaemon(true);
            return t;
        });
    }

    public NodeConfig config() {
        return config;
    }

    public ChainParams params() {
        return config.params();
    }

    public EventBus events() {
        return events;
    }

    public ChainState chain() {
        return chain;
    }

    public Mempool mempool() {
        return mempool;
    }

    public BlockAssembler assembler() {
        return assembler;
    }

    /** A block from the miner, a peer or RPC: the same checks for all. */
    public BlockOutcome submitBlock(Block block) throws ValidationException {
        return chain.processBlock(block);
    }

    public long submitTransaction(Transaction tx) throws ValidationException {
        return mempool.accept(tx);
    }

    /** Asks the node to stop (RPC {@code stop}); returns at once, the stop runs on its own thread. */
    public void requestStop() {
        Thread t = new Thread(this::close, "node-stop");
        t.setDaemon(false);
        t.start();
    }

    /** Waits until the node has stopped. */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    public boolean awaitStop(long timeout, TimeUnit unit) throws InterruptedException {
        return stopped.await(timeout, unit);
    }

    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        try {
            verifyPool.shutdown();
            chain.close();
            PortsFile.delete(config.dataDir());
            dirLock.close();
            log.info("PeerChain node stopped");
        } finally {
            stopped.countDown();
        }
    }
}
