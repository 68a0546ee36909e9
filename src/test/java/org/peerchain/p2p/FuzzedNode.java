package org.peerchain.p2p;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.peerchain.bench.RegtestBlockBuilder;
import org.peerchain.consensus.ChainParams;
import org.peerchain.core.Block;
import org.peerchain.core.Ed25519Keys;
import org.peerchain.core.Hash;
import org.peerchain.core.KeyHash;
import org.peerchain.core.OutPoint;
import org.peerchain.core.Transaction;
import org.peerchain.core.TxOutput;
import org.peerchain.mining.ProofOfWork;
import org.peerchain.node.Node;
import org.peerchain.node.NodeConfig;
import org.peerchain.node.PeerOptions;
import org.peerchain.node.rpc.RpcClient;
import org.peerchain.wallet.TransactionSigner;
import org.slf4j.LoggerFactory;

/**
 * The node a fuzz target attacks: a real regtest {@link Node} with P2P and RPC on free ports in a temporary
 * directory, started once per JVM, on a chain long enough that coinbases are mature. It keeps the material
 * fuzzed messages are built from (the chain's blocks, a valid next block, signed spends of mature coinbases)
 * and collects what counts as a finding: an exception no one caught on any thread, and any warning or error
 * the node logs (the peer network logs an unexpected exception in a message handler as a warning).
 */
final class FuzzedNode implements AutoCloseable {
    /** Blocks on top of genesis: coinbases 1 to {@code CHAIN_LENGTH - COINBASE_MATURITY} are spendable. */
    static final int CHAIN_LENGTH = ChainParams.COINBASE_MATURITY + 8;
    static final long SPEND_FEE = 10_000;
    private static final long MAX_NONCE_TRIES = 1_000_000;

    final Ed25519Keys.KeyPair key = Ed25519Keys.generate(new SecureRandom());
    final KeyHash payTo = KeyHash.of(key.publicKey());
    final Node node;
    final Path dir;
    /** The chain as built: blocks 1 to {@link #CHAIN_LENGTH} (index 0 is genesis). */
    final List<Block> blocks = new ArrayList<>();
    /** Signed transactions each spending one mature coinbase, valid against the starting chain. */
    final List<Transaction> spends = new ArrayList<>();
    private final List<String> findings = new ArrayList<>();
    private final AtomicLong extraNonce = new AtomicLong();
    private final FindingAppender appender = new FindingAppender();
    private final Thread.UncaughtExceptionHandler previousHandler;
    private Block nextBlock;
    private Hash nextBlockParent;

    private FuzzedNode() throws Exception {
        dir = Files.createTempDirectory("peerchain-fuzz-p2p");
        previousHandler = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> record("uncaught on thread " + t.getName() + ": " + e));
        LoggerContext logs = (LoggerContext) LoggerFactory.getILoggerFactory();
        appender.setContext(logs);
        appender.start();
        logs.getLogger("org.peerchain").addAppender(appender);
        P2pSettings settings = P2pSettings.forLoopbackTests().withDiscovery(false);
        node = Node.start(new NodeConfig(ChainParams.REGTEST, dir, 0, 0, new PeerOptions(List.of(), List.of(), settings)));
        blocks.add(ChainParams.REGTEST.genesis());
        RegtestBlockBuilder builder = new RegtestBlockBuilder();
        for (int i = 0; i < CHAIN_LENGTH; i++) {
            Block b = builder.next(payTo, 0, List.of());
            node.submitBlock(b);
            blocks.add(b);
        }
        for (int h = 1; h <= CHAIN_LENGTH - ChainParams.COINBASE_MATURITY; h++) {
            Transaction coinbase = blocks.get(h).transactions().get(0);
            spends.add(TransactionSigner.sign(
                    List.of(new TransactionSigner.SigningInput(new OutPoint(coinbase.txid(), 0), key)),
                    List.of(new TxOutput(coinbase.totalOutput() - SPEND_FEE, payTo))));
        }
    }

    static FuzzedNode start() throws Exception {
        return new FuzzedNode();
    }

    /** A valid block on the current tip (with the mempool's transactions), made again when the tip moves. */
    synchronized Block nextBlock() {
        Hash tip = node.chain().tip().hash();
        if (nextBlock == null || !tip.equals(nextBlockParent)) {
            nextBlock = ProofOfWork.solve(node.assembler().assemble(payTo, extraNonce.incrementAndGet()).block(),
                    MAX_NONCE_TRIES);
            nextBlockParent = tip;
        }
        return nextBlock;
    }

    /** The block count an honest RPC client gets. */
    long rpcBlockCount() throws Exception {
        return RpcClient.forDataDir(dir).call("getblockcount").getAsLong();
    }

    /** The findings since the last call, cleared. */
    synchronized List<String> takeFindings() {
        List<String> out = List.copyOf(findings);
        findings.clear();
        return out;
    }

    private synchronized void record(String finding) {
        findings.add(finding);
    }

    @Override
    public void close() throws IOException {
        node.close();
        LoggerContext logs = (LoggerContext) LoggerFactory.getILoggerFactory();
        logs.getLogger("org.peerchain").detachAppender(appender);
        Thread.setDefaultUncaughtExceptionHandler(previousHandler);
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Every warning or error of the node's code is a finding, with the exception's first frames if it has one. */
    private final class FindingAppender extends AppenderBase<ILoggingEvent> {
        @Override
        protected void append(ILoggingEvent e) {
            if (!e.getLevel().isGreaterOrEqual(Level.WARN)) {
                return;
            }
            StringBuilder s = new StringBuilder(e.getLevel() + " [" + e.getThreadName() + "] " + e.getLoggerName() + ": "
                    + e.getFormattedMessage());
            for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
                s.append("\n  caused by ").append(t.getClassName()).append(": ").append(t.getMessage());
                var frames = t.getStackTraceElementProxyArray();
                for (int i = 0; i < Math.min(8, frames.length); i++) {
                    s.append("\n    ").append(frames[i].getSTEAsString());
                }
            }
            record(s.toString());
        }
    }
}
