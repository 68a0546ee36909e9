package org.peerchain.node;

import java.io.IOException;
import java.net.BindException;
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
import org.peerchain.node.rpc.RpcCookie;
import org.peerchain.node.rpc.RpcMethods;
import org.peerchain.node.rpc.RpcServer;
import org.peerchain.p2p.PeerNetwork;
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
    private final RpcServer rpc;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicBoolean closing = new AtomicBoolean();
    /** The peer network, or null when P2P is off. */
    private volatile PeerNetwork network;

    private Node(NodeConfig config, DataDirectoryLock dirLock, ExecutorService verifyPool, ChainState chain,
            EventBus events, RpcServer rpc) {
        this.config = config;
        this.rpc = rpc;
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
        RpcMethods methods = new RpcMethods();
        RpcServer rpc = null;
        try {
            if (config.rpcPort() != NodeConfig.OFF) {
                rpc = startRpc(config, methods);
                rpc.setWarmup("Loading the block index");
            }
            EventBus bus = new EventBus();
            ChainState chain = ChainState.open(config.dataDir(), config.params(), bus, pool, Node::nowSeconds);
            node = new Node(config, lock, pool, chain, bus, rpc);
            new ChainRpc(node).register(methods);
            new NetworkRpc(node).register(methods);
            node.startServices();
            if (rpc != null) {
                rpc.clearWarmup();
            }
            log.info("PeerChain node on {} started in {}: height {}", config.params().name(), config.dataDir(),
                    chain.height());
            return node;
        } catch (NodeStartException | RuntimeException e) {
            if (node != null) {
                node.close();
            } else {
                if (rpc != null) {
                    rpc.close();
                }
                pool.shutdownNow();
                lock.close();
            }
            if (e instanceof ChainStoreException) {
                throw new NodeStartException(e.getMessage(), e);
            }
            throw e;
        }
    }

    private static RpcServer startRpc(NodeConfig config, RpcMethods methods) throws NodeStartException {
        try {
            return RpcServer.start(config.rpcPort(), config.dataDir().resolve(RpcCookie.FILE_NAME), methods);
        } catch (BindException e) {
            throw new NodeStartException("The RPC port " + config.rpcPort() + " is in use by another program."
                    + " Choose another with --rpc-port, or 0 for a free one.", e);
        } catch (IOException e) {
            throw new NodeStartException("Cannot start the RPC server: " + e.getMessage(), e);
        }
    }

    private void startServices() throws NodeStartException {
        // --- P2P: the peer network, when on ---
        if (config.p2pPort() != NodeConfig.OFF) {
            try {
                network = PeerNetwork.start(new PeerNetwork.Config(config.params().networkId(),
                        java.net.InetAddress.getByName("0.0.0.0"), config.p2pPort(), config.peers().trackers(),
                        config.peers().connect(), config.dataDir(), config.peers().settings()),
                        new NodeChainAccess(this), events);
            } catch (IOException e) {
                if (e.getCause() instanceof BindException) {
                    throw new NodeStartException("The P2P port " + config.p2pPort() + " is in use by another program."
                            + " Choose another with --port, or 0 for a free one.", e);
                }
                throw new NodeStartException("Cannot start the P2P network: " + e.getMessage(), e);
            }
        }
        // --- end P2P ---
        try {
            PortsFile.write(config.dataDir(), network == null ? 0 : network.port(), rpc == null ? 0 : rpc.port());
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

    /** The peer network, or null when P2P is off. */
    public PeerNetwork network() {
        return network;
    }

    /** The P2P port, or -1 when P2P is off. */
    public int p2pPort() {
        PeerNetwork n = network;
        return n == null ? NodeConfig.OFF : n.port();
    }

    /** The RPC port, or -1 when RPC is off. */
    public int rpcPort() {
        return rpc == null ? NodeConfig.OFF : rpc.port();
    }

    /** Bytes the chain database takes on disk, with its write-ahead log. */
    public long sizeOnDisk() {
        long total = 0;
        for (String name : new String[] {"chain.db", "chain.db-wal", "chain.db-shm"}) {
            try {
                total += java.nio.file.Files.size(config.dataDir().resolve(name));
            } catch (IOException e) {
                // Absent (no WAL yet): counts as nothing.
            }
        }
        return total;
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
            if (rpc != null) {
                rpc.close();
            }
            if (network != null) {
                network.close();
            }
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
