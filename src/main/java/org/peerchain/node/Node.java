package org.peerchain.node;

import java.io.IOException;
import java.net.BindException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.peerchain.chain.BlockOutcome;
import org.peerchain.chain.ChainEvent;
import org.peerchain.chain.ChainState;
import org.peerchain.chain.ChainStoreException;
import org.peerchain.consensus.ChainParams;
import org.peerchain.consensus.ValidationException;
import org.peerchain.core.Address;
import org.peerchain.core.Block;
import org.peerchain.core.KeyHash;
import org.peerchain.core.Transaction;
import org.peerchain.events.EventBus;
import org.peerchain.mempool.Mempool;
import org.peerchain.mining.BlockAssembler;
import org.peerchain.mining.Miner;
import org.peerchain.mining.StaleBlockException;
import org.peerchain.node.api.LifecycleStep;
import org.peerchain.node.api.NodeEvent;
import org.peerchain.node.api.NodeServices;
import org.peerchain.node.api.PayoutSource;
import org.peerchain.node.rpc.RpcCookie;
import org.peerchain.node.rpc.RpcMethods;
import org.peerchain.node.rpc.RpcServer;
import org.peerchain.wallet.Wallet;
import org.peerchain.wallet.WalletEvent;
import org.peerchain.wallet.WalletStoreException;
import org.peerchain.p2p.HostPort;
import org.peerchain.p2p.PeerNetwork;
import org.peerchain.tracker.Tracker;
import org.peerchain.tracker.TrackerConfig;
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
    private volatile Wallet wallet;
    /** The bus of the application services' events ({@link NodeEvent}), apart from the parts' own. */
    private volatile EventBus apiEvents = new EventBus();
    private volatile LocalServices services;
    /** The peer network, or null when P2P is off. */
    private volatile PeerNetwork network;
    /** The tracker this node hosts ({@code --host-tracker}), or null. */
    private volatile Tracker hostedTracker;
    /** The hosted tracker's peer table, in the data directory. */
    public static final String HOSTED_TRACKER_DB = "tracker.db";

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
        return start(config, step -> {
        });
    }

    /**
     * As {@link #start(NodeConfig)}, telling {@code progress} each lifecycle step as it begins (on this thread), and
     * later {@code STOPPING} and {@code STOPPED}. A failure is thrown, not reported: the caller words it.
     */
    public static Node start(NodeConfig config, Consumer<NodeEvent.Lifecycle> progress) throws NodeStartException {
        FatalErrors.install();
        EventBus apiEvents = new EventBus();
        apiEvents.subscribe(NodeEvent.Lifecycle.class, progress);
        apiEvents.publish(new NodeEvent.Lifecycle(LifecycleStep.OPENING_DATABASE, -1, config.dataDir().toString()));
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
            apiEvents.publish(new NodeEvent.Lifecycle(LifecycleStep.LOADING_BLOCK_INDEX, -1, ""));
            AutoCloseable indexProgress = bus.subscribe(ChainEvent.BlockIndexLoading.class, e -> apiEvents.publish(
                    new NodeEvent.Lifecycle(LifecycleStep.LOADING_BLOCK_INDEX, fraction(e.loaded(), e.total()),
                            String.format(Locale.ROOT, "%,d of %,d blocks", e.loaded(), e.total()))));
            ChainState chain;
            try {
                chain = ChainState.open(config.dataDir(), config.params(), bus, pool, Node::nowSeconds,
                        config.dbCacheMb());
            } finally {
                closeQuietly(indexProgress);
            }
            if (config.txIndex()) {
                chain.enableTxIndex();
            } else {
                chain.disableTxIndex();
            }
            node = new Node(config, lock, pool, chain, bus, rpc);
            node.apiEvents = apiEvents;
            new ChainRpc(node).register(methods);
            new MiningRpc(node).register(methods);
            // Wallet (issue 6): opened when the data directory holds a keystore; its methods answer -18 otherwise.
            apiEvents.publish(new NodeEvent.Lifecycle(LifecycleStep.WALLET_CATCH_UP, -1, ""));
            AutoCloseable catchUpProgress = bus.subscribe(WalletEvent.ScanProgress.class, e -> apiEvents.publish(
                    new NodeEvent.Lifecycle(LifecycleStep.WALLET_CATCH_UP, fraction(e.scanned(), e.toScan()),
                            String.format(Locale.ROOT, "%,d of %,d blocks", e.scanned(), e.toScan()))));
            try {
                node.openWallet();
            } finally {
                closeQuietly(catchUpProgress);
            }
            new WalletRpc(node).register(methods);
            new NetworkRpc(node).register(methods);
            apiEvents.publish(new NodeEvent.Lifecycle(LifecycleStep.STARTING_NETWORK, -1, ""));
            node.startServices();
            PrivateFiles.files(config.dataDir());
            node.services = new LocalServices(node, apiEvents,
                    new NodeEvent.Lifecycle(LifecycleStep.STARTING_NETWORK, -1, ""));
            node.services.lifecycle(new NodeEvent.Lifecycle(LifecycleStep.READY, 1, ""));
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
        // --- a tracker in this process, when asked for: the node announces to it like any other ---
        List<HostPort> trackers = new ArrayList<>(config.peers().trackers());
        if (config.hostTrackerPort() != NodeConfig.OFF) {
            hostedTracker = startHostedTracker(config);
            trackers.add(new HostPort("127.0.0.1", hostedTracker.port()));
        }
        // --- P2P: the peer network, when on ---
        if (config.p2pPort() != NodeConfig.OFF) {
            try {
                network = PeerNetwork.start(new PeerNetwork.Config(config.params().networkId(),
                        java.net.InetAddress.getByName("0.0.0.0"), config.p2pPort(), trackers,
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
            PortsFile.write(config.dataDir(), network == null ? 0 : network.port(), rpc == null ? 0 : rpc.port(),
                    hostedTracker == null ? 0 : hostedTracker.port());
        } catch (IOException e) {
            throw new NodeStartException("Cannot write " + config.dataDir().resolve(PortsFile.FILE_NAME) + ": "
                    + e.getMessage(), e);
        }
        startMining();
    }

    private static Tracker startHostedTracker(NodeConfig config) throws NodeStartException {
        int port = config.hostTrackerPort();
        try {
            Tracker t = Tracker.start(TrackerConfig.defaults(port, config.dataDir().resolve(HOSTED_TRACKER_DB)));
            log.info("Hosting a tracker on port {}", t.port());
            return t;
        } catch (BindException e) {
            throw new NodeStartException("The tracker port " + port + " is in use by another program."
                    + " Choose another with --host-tracker, or 0 for a free one.", e);
        } catch (IOException e) {
            if (e.getCause() instanceof BindException) {
                throw new NodeStartException("The tracker port " + port + " is in use by another program."
                        + " Choose another with --host-tracker, or 0 for a free one.", e);
            }
            throw new NodeStartException("Cannot start the tracker: " + e.getMessage(), e);
        }
    }

    /** The port of the tracker this node hosts, or -1 when it hosts none. */
    public int hostedTrackerPort() {
        Tracker t = hostedTracker;
        return t == null ? NodeConfig.OFF : t.port();
    }

    // ------------------------------------------------------------------ mining (issue 3)

    private volatile MiningService mining;
    /** An address chosen while the node runs ({@link #setMiningPayout}); it wins over the configured payout. */
    private volatile KeyHash payoutOverride;

    /**
     * Pays mining from the next template on to {@code address}; null goes back to the configured payout.
     *
     * @throws IllegalArgumentException naming what is wrong with the address
     */
    void setMiningPayout(String address) {
        if (address == null) {
            payoutOverride = null;
            return;
        }
        try {
            payoutOverride = Address.parse(address, params().addressPrefix()).keyHash();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The payout address " + address + " is not valid: " + e.getMessage(), e);
        }
    }

    PayoutSource miningPayoutSource() {
        if (payoutOverride != null || config.mining().mineTo() != null) {
            return PayoutSource.CHOSEN;
        }
        return wallet != null ? PayoutSource.WALLET : PayoutSource.NODE_KEY;
    }

    private void startMining() throws NodeStartException {
        MiningConfig mc = config.mining();
        int cores = Miner.maxThreads();
        int threads = mc.resolvedThreads(cores);
        if (threads < 1 || threads > cores) {
            throw new NodeStartException("--threads must be -1 (every core) or 1 to " + cores
                    + " (the number of cores), got " + mc.threads());
        }
        Supplier<KeyHash> configured = miningPayout(mc);
        Supplier<KeyHash> payout = () -> {
            KeyHash chosen = payoutOverride;
            return chosen != null ? chosen : configured.get();
        };
        mining = new MiningService(params(), assembler, events, this::submitMinedBlock, payout, threads, Node::nowSeconds,
                FoundBlockLog.open(config.dataDir()));
        if (mc.mine()) {
            Address payTo = mining.payoutAddress();
            if (payTo != null) {
                log.info("Mining pays to {}", payTo);
            } else {
                log.info("Mining will pay the wallet once it is unlocked (walletpassphrase): its key pool is empty");
            }
            mining.start();
        }
    }

    /**
     * {@code --mine-to} when given (a typo gets the checksum's message); else the wallet's mining address when
     * the data directory has a wallet; else a key kept in the data directory.
     */
    private Supplier<KeyHash> miningPayout(MiningConfig mc) throws NodeStartException {
        KeyHash to;
        if (mc.mineTo() != null) {
            try {
                to = Address.parse(mc.mineTo(), params().addressPrefix()).keyHash();
            } catch (IllegalArgumentException e) {
                throw new NodeStartException("--mine-to " + mc.mineTo() + ": " + e.getMessage(), e);
            }
        } else if (wallet != null) {
            return walletPayout(wallet);
        } else {
            // No wallet yet: the node's own key, until a wallet is made while the node runs (the desktop's first
            // run); from then on the wallet's mining address, so coins mined after that are the user's to spend.
            Supplier<KeyHash> ownKey;
            if (mc.mine()) {
                KeyHash key = MiningKey.loadOrCreate(config.dataDir());
                ownKey = () -> key;
            } else {
                // Made only if mining is started (setgenerate): a node that never mines keeps no mining key.
                ownKey = () -> {
                    try {
                        return MiningKey.loadOrCreate(config.dataDir());
                    } catch (NodeStartException e) {
                        throw new IllegalStateException(e.getMessage(), e);
                    }
                };
            }
            java.util.concurrent.atomic.AtomicReference<Supplier<KeyHash>> fromWallet =
                    new java.util.concurrent.atomic.AtomicReference<>();
            return () -> {
                Wallet w = wallet;
                if (w == null) {
                    return ownKey.get();
                }
                fromWallet.compareAndSet(null, walletPayout(w));
                return fromWallet.get().get();
            };
        }
        return () -> to;
    }

    /**
     * The wallet's mining address, asked for when the first template is built: a locked wallet whose key pool
     * is empty gives its reason to the miner's error report, and mining starts once it is unlocked.
     */
    private static Supplier<KeyHash> walletPayout(Wallet w) {
        java.util.concurrent.atomic.AtomicReference<KeyHash> cached = new java.util.concurrent.atomic.AtomicReference<>();
        return () -> {
            KeyHash k = cached.get();
            if (k == null) {
                try {
                    k = w.miningKeyHash();
                } catch (org.peerchain.wallet.WalletException e) {
                    throw new IllegalStateException("the wallet cannot give a mining address yet: " + e.getMessage(), e);
                }
                cached.compareAndSet(null, k);
            }
            return cached.get();
        };
    }

    /**
     * The miner's block sink: a valid block that another beat to the tip is stale; any other block that is not
     * connected reaches the miner's listeners as an error with the reason.
     */
    private void submitMinedBlock(Block block) throws ValidationException, StaleBlockException {
        BlockOutcome outcome = submitBlock(block);
        if (outcome == BlockOutcome.SIDE_BRANCH) {
            throw new StaleBlockException("another block reached the tip first");
        }
        if (outcome != BlockOutcome.ACTIVE) {
            throw new IllegalStateException("it was not connected (" + outcome.name().toLowerCase(java.util.Locale.ROOT) + ")");
        }
    }

    /** The application services: the one road from a front end (the desktop, the command line, RPC) to this node. */
    public NodeServices services() {
        return services;
    }

    /** Mining in this node (running or not). */
    public MiningService mining() {
        return mining;
    }

    private void openWallet() throws NodeStartException {
        if (!Wallet.exists(config.dataDir())) {
            log.info("No wallet in {}: run 'peerchain node --create-wallet' (or --restore-wallet) to make one",
                    config.dataDir());
            return;
        }
        try {
            wallet = Wallet.open(config.dataDir(), chain, events, this::submitTransaction, Clock.systemUTC());
        } catch (WalletStoreException e) {
            throw new NodeStartException(e.getMessage(), e);
        }
    }

    /**
     * Opens the wallet just made in the data directory while the node runs (the desktop's first run), scanning the
     * chain for it when it was restored; a wallet already open stays. Runs on the caller's thread.
     */
    synchronized Wallet attachWallet() {
        if (wallet == null) {
            wallet = Wallet.open(config.dataDir(), chain, events, this::submitTransaction, Clock.systemUTC());
            PrivateFiles.files(config.dataDir());
        }
        return wallet;
    }

    /** The node's wallet, if its data directory has one. */
    public Optional<Wallet> wallet() {
        return Optional.ofNullable(wallet);
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

    /** {@code done} of {@code total} as 0 to 1; nothing to do counts as done. */
    private static double fraction(int done, int total) {
        return total <= 0 ? 1.0 : Math.min(1.0, (double) done / total);
    }

    /** Ends a start-time subscription to the parts' bus (closing one cannot fail). */
    private static void closeQuietly(AutoCloseable subscription) {
        try {
            subscription.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void publishLifecycle(LifecycleStep step) {
        NodeEvent.Lifecycle e = new NodeEvent.Lifecycle(step, step == LifecycleStep.STOPPED ? 1 : -1, "");
        LocalServices s = services;
        if (s != null) {
            s.lifecycle(e);
        } else {
            apiEvents.publish(e);
        }
    }

    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        publishLifecycle(LifecycleStep.STOPPING);
        try {
            if (services != null) {
                services.close();
            }
            if (rpc != null) {
                rpc.close();
            }
            if (mining != null) {
                mining.close();
            }
            if (network != null) {
                network.close();
            }
            if (hostedTracker != null) {
                hostedTracker.close();
            }
            verifyPool.shutdown();
            if (wallet != null) {
                wallet.close();
            }
            chain.close();
            PortsFile.delete(config.dataDir());
            dirLock.close();
            log.info("PeerChain node stopped");
        } finally {
            publishLifecycle(LifecycleStep.STOPPED);
            stopped.countDown();
        }
    }
}
