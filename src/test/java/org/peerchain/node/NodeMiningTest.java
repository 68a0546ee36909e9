package org.peerchain.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.chain.BlockOutcome;
import org.peerchain.chain.ChainEvent;
import org.peerchain.chain.ChainState;
import org.peerchain.consensus.ChainParams;
import org.peerchain.core.Address;
import org.peerchain.core.Block;
import org.peerchain.core.Ed25519Keys;
import org.peerchain.core.Hash;
import org.peerchain.core.KeyHash;
import org.peerchain.core.OutPoint;
import org.peerchain.core.Transaction;
import org.peerchain.core.TxInput;
import org.peerchain.core.TxOutput;
import org.peerchain.events.EventBus;
import org.peerchain.mining.BlockTemplate;
import org.peerchain.mining.MiningError;
import org.peerchain.mining.MiningStats;
import org.peerchain.mining.ProofOfWork;
import org.peerchain.mining.WorkSwitch;
import org.peerchain.node.rpc.RpcClient;
import org.peerchain.node.rpc.RpcErrors;
import org.peerchain.node.rpc.RpcException;

/** Mining in a real regtest node, driven through real JSON-RPC over HTTP. */
@Timeout(120)
class NodeMiningTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration STABLE_WINDOW = Duration.ofMillis(700);
    private static final int PREFIX = ChainParams.REGTEST.addressPrefix();

    private final Ed25519Keys.KeyPair key = Ed25519Keys.generate(new SecureRandom());
    private final KeyHash keyHash = KeyHash.of(key.publicKey());
    private final String address = new Address(PREFIX, keyHash).encode();

    @TempDir
    Path dir;

    private static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + WAIT + " waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    private static int count(RpcClient rpc) {
        try {
            return rpc.call("getblockcount").getAsInt();
        } catch (Exception e) {
            throw new AssertionError("getblockcount failed: " + e.getMessage(), e);
        }
    }

    private static long miningThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && (t.getName().startsWith("miner-") || t.getName().startsWith("mining-")))
                .count();
    }

    private static NodeConfig mining(Path dir, boolean on, String mineTo) {
        return NodeConfig.regtest(dir).withMining(new MiningConfig(on, 1, mineTo));
    }

    @Test
    void aNodeStartedWithMineProducesBlocksUntilSetGenerateFalseAndAgainAfterSetGenerateTrue() throws Exception {
        long baseline = miningThreads();
        try (Node node = Node.start(mining(dir, true, null))) {
            RpcClient rpc = RpcClient.forDataDir(dir);
            waitFor("blocks from the miner", () -> count(rpc) >= 5);
            JsonObject info = rpc.call("getmininginfo").getAsJsonObject();
            assertTrue(info.get("generate").getAsBoolean());
            assertEquals(1, info.get("genproclimit").getAsInt());
            assertEquals("regtest", info.get("chain").getAsString());
            assertTrue(info.get("blocks").getAsInt() >= 5);
            for (String field : List.of("difficulty", "networkhashps", "pooledtx", "warnings", "hashespersec",
                    "blocks_found", "stale_blocks", "expected_seconds_to_block", "daily_chance", "payout_address")) {
                assertTrue(info.has(field), "getmininginfo has " + field + ": " + info);
            }

            // Without --mine-to the node pays a key of its own, kept owner-only in the data directory.
            Path keyFile = dir.resolve(MiningKey.FILE_NAME);
            assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(keyFile));
            byte[] priv = MiningKey.privateKey(dir);
            String own = new Address(PREFIX, KeyHash.of(Ed25519Keys.fromPrivateKey(priv).publicKey())).encode();
            assertEquals(own, info.get("payout_address").getAsString());
            Block mined = node.chain().block(node.chain().entryAt(1).hash());
            assertEquals(KeyHash.of(Ed25519Keys.fromPrivateKey(priv).publicKey()),
                    mined.transactions().get(0).outputs().get(0).keyHash());

            assertTrue(rpc.call("setgenerate", new JsonPrimitive(false)).isJsonNull());
            int stopped = count(rpc);
            long end = System.nanoTime() + STABLE_WINDOW.toNanos();
            while (System.nanoTime() < end) {
                assertEquals(stopped, count(rpc), "no block after setgenerate false returned");
                Thread.sleep(50);
            }
            assertFalse(rpc.call("getmininginfo").getAsJsonObject().get("generate").getAsBoolean());
            assertEquals(baseline, miningThreads(), "every mining thread ended");

            rpc.call("setgenerate", new JsonPrimitive(true), new JsonPrimitive(-1));
            waitFor("blocks after setgenerate true", () -> count(rpc) >= stopped + 5);
            assertEquals(node.mining().miner().threads(), Runtime.getRuntime().availableProcessors());
            rpc.call("setgenerate", new JsonPrimitive(true), new JsonPrimitive(0));
            assertFalse(node.mining().isRunning(), "genproclimit 0 stops, as in bitcoind");
            RpcException tooMany = assertThrows(RpcException.class, () -> rpc.call("setgenerate",
                    new JsonPrimitive(true), new JsonPrimitive(Runtime.getRuntime().availableProcessors() + 1)));
            assertEquals(RpcErrors.INVALID_PARAMETER, tooMany.code());
            assertTrue(tooMany.getMessage().contains("genproclimit"), tooMany.getMessage());
        }
        assertEquals(baseline, miningThreads(), "no mining thread outlives the node");
    }

    @Test
    void generateToAddressReturnsTheNewBlockHashesAndPaysTheAddress() throws Exception {
        try (Node node = Node.start(mining(dir, false, null))) {
            RpcClient rpc = RpcClient.forDataDir(dir);
            JsonArray hashes = rpc.call("generatetoaddress", new JsonPrimitive(7), new JsonPrimitive(address))
                    .getAsJsonArray();
            assertEquals(7, hashes.size());
            assertEquals(7, count(rpc));
            for (int h = 1; h <= 7; h++) {
                Hash hash = node.chain().entryAt(h).hash();
                assertEquals(hash.toHex(), hashes.get(h - 1).getAsString());
                assertEquals(keyHash, node.chain().block(hash).transactions().get(0).outputs().get(0).keyHash());
            }
            String typo = address.substring(0, 10) + (address.charAt(10) == 'a' ? 'b' : 'a') + address.substring(11);
            RpcException bad = assertThrows(RpcException.class,
                    () -> rpc.call("generatetoaddress", new JsonPrimitive(1), new JsonPrimitive(typo)));
            assertEquals(RpcErrors.INVALID_ADDRESS_OR_KEY, bad.code());
            assertTrue(bad.getMessage().contains("checksum"), bad.getMessage());
            JsonArray oneTry = rpc.call("generatetoaddress", new JsonPrimitive(3), new JsonPrimitive(address),
                    new JsonPrimitive(1)).getAsJsonArray();
            assertTrue(oneTry.size() <= 1, "one try finds at most one block: " + oneTry);
        }
    }

    @Test
    void generateToAddressIsRefusedOnMain() throws Exception {
        NodeConfig main = new NodeConfig(ChainParams.MAIN, dir, 0, NodeConfig.OFF);
        try (Node node = Node.start(main)) {
            RpcClient rpc = RpcClient.forDataDir(dir);
            String mainAddress = new Address(ChainParams.MAIN.addressPrefix(), keyHash).encode();
            RpcException e = assertThrows(RpcException.class,
                    () -> rpc.call("generatetoaddress", new JsonPrimitive(1), new JsonPrimitive(mainAddress)));
            assertTrue(e.getMessage().contains("regtest"), e.getMessage());
            assertEquals(0, count(rpc));
        }
    }

    @Test
    void submitBlockAnswersAsBitcoindDoes() throws Exception {
        try (Node node = Node.start(mining(dir, false, null))) {
            RpcClient rpc = RpcClient.forDataDir(dir);
            Block b = ProofOfWork.solve(node.assembler().assemble(keyHash, 1).block(), 1_000_000);
            Block stale = ProofOfWork.solve(node.assembler().assemble(keyHash, 2).block(), 1_000_000);
            String hex = HexFormat.of().formatHex(b.serialize());
            assertTrue(rpc.call("submitblock", new JsonPrimitive(hex)).isJsonNull());
            assertEquals("duplicate", rpc.call("submitblock", new JsonPrimitive(hex)).getAsString());
            assertEquals("inconclusive", rpc.call("submitblock",
                    new JsonPrimitive(HexFormat.of().formatHex(stale.serialize()))).getAsString());
            Block unsolved = node.assembler().assemble(keyHash, 3).block();
            Block bad = unsolved.withHeader(unsolved.header().withTime(
                    unsolved.header().time() + 3 * ChainParams.MAX_FUTURE_BLOCK_TIME_SECONDS));
            JsonElement reason = rpc.call("submitblock", new JsonPrimitive(HexFormat.of().formatHex(
                    ProofOfWork.solve(bad, 1_000_000).serialize())));
            assertEquals("time-too-new", reason.getAsString());
            RpcException garbage = assertThrows(RpcException.class,
                    () -> rpc.call("submitblock", new JsonPrimitive("00ff")));
            assertEquals(RpcErrors.DESERIALIZATION_ERROR, garbage.code());
        }
    }

    @Test
    void templatesTakeTheBestPayingTransactionsWithinTheBlockSizeLimitAndTheMinerConfirmsThem() throws Exception {
        int outputsPerTx = 3_400;
        try (Node node = Node.start(mining(dir, false, null))) {
            RpcClient rpc = RpcClient.forDataDir(dir);
            rpc.call("generatetoaddress", new JsonPrimitive(ChainParams.COINBASE_MATURITY + 12), new JsonPrimitive(address));
            // Eleven transactions of about 95 kB: ten fit in a block, the eleventh does not.
            List<Transaction> big = new ArrayList<>();
            for (int i = 0; i < 11; i++) {
                Transaction tx = spend(node, i + 1, outputsPerTx, 3 + i);
                node.submitTransaction(tx);
                big.add(tx);
            }
            Transaction small = spend(node, 12, 1, 1);
            node.submitTransaction(small);

            BlockTemplate t = node.assembler().assemble(keyHash, 1);
            List<Hash> chosen = t.transactions().stream().map(e -> e.tx().txid()).toList();
            assertTrue(t.block().size() <= ChainParams.MAX_BLOCK_SIZE, "block size " + t.block().size());
            assertEquals(11, chosen.size(), "ten large transactions and the small one");
            for (int i = 1; i < 11; i++) {
                assertEquals(big.get(11 - i).txid(), chosen.get(i - 1), "highest fee rate first");
            }
            assertFalse(chosen.contains(big.get(0).txid()), "the cheapest large transaction does not fit");
            assertEquals(small.txid(), chosen.get(10), "the small one fills the room left");
            long fees = t.transactions().stream().mapToLong(e -> e.fee()).sum();
            assertEquals(ChainParams.REGTEST.subsidy(t.height()) + fees, t.block().transactions().get(0).totalOutput());

            int before = node.chain().height();
            rpc.call("setgenerate", new JsonPrimitive(true));
            waitFor("the mempool to be mined", () -> node.mempool().size() == 0);
            rpc.call("setgenerate", new JsonPrimitive(false));
            Block first = node.chain().block(node.chain().entryAt(before + 1).hash());
            assertTrue(first.transactions().stream().anyMatch(tx -> tx.txid().equals(big.get(10).txid())));
            assertFalse(first.transactions().stream().anyMatch(tx -> tx.txid().equals(big.get(0).txid())));
            assertTrue(first.size() <= ChainParams.MAX_BLOCK_SIZE);
        }
    }

    /** Spends the coinbase of block {@code height} (ours) into {@code outputs} outputs, paying {@code feeRate} per byte. */
    private Transaction spend(Node node, int height, int outputs, long feeRate) {
        Transaction coinbase = node.chain().block(node.chain().entryAt(height).hash()).transactions().get(0);
        long in = coinbase.outputs().get(0).amount();
        OutPoint prevout = new OutPoint(coinbase.txid(), 0);
        long each = 1_000;
        Transaction draft = sign(prevout, outputs, each, in - outputs * each);
        long fee = feeRate * draft.size();
        return sign(prevout, outputs, each, in - outputs * each - fee);
    }

    private Transaction sign(OutPoint prevout, int outputs, long each, long change) {
        List<TxOutput> outs = new ArrayList<>();
        KeyHash elsewhere = KeyHash.of(new byte[] {7});
        for (int i = 0; i < outputs; i++) {
            outs.add(new TxOutput(each, elsewhere));
        }
        outs.add(new TxOutput(change, keyHash));
        List<TxInput> unsigned = List.of(new TxInput(prevout, key.publicKey(), new byte[0]));
        Hash sigHash = new Transaction(Transaction.CURRENT_VERSION, unsigned, outs).sigHash();
        TxInput signed = unsigned.get(0).withSignature(Ed25519Keys.sign(key.privateKey(), sigHash));
        return new Transaction(Transaction.CURRENT_VERSION, List.of(signed), outs);
    }

    @Test
    void aTipChangeFromOutsideMakesTheMinerSwitchAtOnceAndBuildOnTheNewTip() throws Exception {
        try (Node node = Node.start(mining(dir, true, null))) {
            RpcClient rpc = RpcClient.forDataDir(dir);
            BlockingQueue<WorkSwitch> switches = new LinkedBlockingQueue<>();
            List<Block> connected = new java.util.concurrent.CopyOnWriteArrayList<>();
            node.events().subscribe(WorkSwitch.class, switches::add);
            node.events().subscribe(ChainEvent.BlockConnected.class, e -> connected.add(e.block()));
            waitFor("blocks from the miner", () -> count(rpc) >= 3);

            Block outside = null;
            long submitted = 0;
            for (int attempt = 0; attempt < 100 && outside == null; attempt++) {
                Block b = ProofOfWork.solve(node.assembler().assemble(keyHash, 1_000 + attempt).block(), 1_000_000);
                switches.clear();
                submitted = System.nanoTime();
                if (node.submitBlock(b) == BlockOutcome.ACTIVE) {
                    outside = b;
                }
            }
            assertNotNull(outside, "a block from outside became the tip");
            WorkSwitch s;
            do {
                s = switches.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
                assertNotNull(s, "the miner took new work");
            } while (!s.prevHash().equals(outside.hash()));
            long switchMillis = (System.nanoTime() - submitted) / 1_000_000;
            assertTrue(switchMillis < 2_000, "switched " + switchMillis + " ms after the tip changed");

            Hash outsideHash = outside.hash();
            waitFor("a mined block on the new tip", () -> connected.stream()
                    .anyMatch(b -> b.header().prevHash().equals(outsideHash)));
            Block child = connected.stream().filter(b -> b.header().prevHash().equals(outsideHash)).findFirst().orElseThrow();
            assertFalse(child.transactions().get(0).outputs().get(0).keyHash().equals(keyHash), "the node's miner made it");
        }
    }

    @Test
    void blocksFoundByTheMinerPassAFreshChainStateAsReceivedBlocks() throws Exception {
        List<Block> blocks = new ArrayList<>();
        try (Node node = Node.start(mining(dir, true, null))) {
            RpcClient rpc = RpcClient.forDataDir(dir);
            waitFor("blocks from the miner", () -> count(rpc) >= 20);
            rpc.call("setgenerate", new JsonPrimitive(false));
            for (int h = 1; h <= node.chain().height(); h++) {
                blocks.add(node.chain().block(node.chain().entryAt(h).hash()));
            }
        }
        Path other = Files.createDirectory(dir.resolve("other"));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (ChainState fresh = ChainState.open(other, ChainParams.REGTEST, new EventBus(), pool, Node::nowSeconds)) {
            for (Block b : blocks) {
                assertEquals(BlockOutcome.ACTIVE, fresh.processBlock(b));
            }
            assertEquals(blocks.size(), fresh.height());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aMineToAddressWithATypoStopsTheStartWithTheChecksumMessage() {
        String typo = address.substring(0, 10) + (address.charAt(10) == 'a' ? 'b' : 'a') + address.substring(11);
        NodeStartException e = assertThrows(NodeStartException.class, () -> Node.start(mining(dir, true, typo)));
        assertTrue(e.getMessage().contains("--mine-to") && e.getMessage().contains("checksum"), e.getMessage());
        assertFalse(Files.exists(dir.resolve(MiningKey.FILE_NAME)));
    }

    @Test
    void aFailingPayoutReachesTheEventBusWithItsReasonAndMiningThreadsEndOnStop() throws Exception {
        long baseline = miningThreads();
        try (Node node = Node.start(mining(dir, false, address))) {
            BlockingQueue<MiningError> errors = new LinkedBlockingQueue<>();
            BlockingQueue<MiningStats> stats = new LinkedBlockingQueue<>();
            node.events().subscribe(MiningError.class, errors::add);
            node.events().subscribe(MiningStats.class, stats::add);
            MiningService locked = new MiningService(node.params(), node.assembler(), node.events(),
                    node::submitBlock, () -> {
                        throw new IllegalStateException("the wallet is locked");
                    }, 1, Node::nowSeconds);
            locked.start();
            MiningError e = errors.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertNotNull(e, "the error was published");
            assertEquals(MiningError.WORK_SOURCE_FAILED, e.reason());
            assertTrue(e.message().contains("the wallet is locked"), e.message());
            assertNotNull(stats.poll(WAIT.toSeconds(), TimeUnit.SECONDS), "stats are published while mining");
            assertEquals(0, node.chain().height());
            locked.close();
            assertEquals(baseline, miningThreads());
            assertNull(node.mining().lastError());
        }
    }
}
