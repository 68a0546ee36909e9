package org.peerchain.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerchain.p2p.TestNetwork.address;
import static org.peerchain.p2p.TestNetwork.await;
import static org.peerchain.p2p.TestNetwork.awaitSameTip;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.bench.RegtestBlockBuilder;
import org.peerchain.chain.BlockStatus;
import org.peerchain.consensus.ChainParams;
import org.peerchain.core.Block;
import org.peerchain.core.BlockHeader;
import org.peerchain.core.Hash;
import org.peerchain.core.MerkleTree;
import org.peerchain.core.OutPoint;
import org.peerchain.core.Transaction;
import org.peerchain.core.TxOutput;
import org.peerchain.mining.ProofOfWork;
import org.peerchain.node.Node;
import org.peerchain.p2p.wire.Message;
import org.peerchain.p2p.wire.PeerMessages;
import org.peerchain.p2p.wire.PeerMessages.InvItem;
import org.peerchain.p2p.wire.PeerMessages.InvKind;
import org.peerchain.wallet.TransactionSigner;

/**
 * The hostile-peer suite: one victim node (real, on loopback, in a temporary directory) with an honest node
 * connected to it and an honest peer pinging it ten times a second; each case attacks it from its own loopback
 * address with a {@link ScriptedPeer} and states the outcome it expects (ignored, error frame, misbehaviour
 * points, disconnect, ban). After every case the victim still has its chain, still answers the honest pings
 * within a second, and still relays blocks to and from the honest node.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HostilePeersTest {
    static final Duration T = TestNetwork.PROPAGATION_TIMEOUT;
    static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(2);
    static final Duration STALL_TIMEOUT = Duration.ofSeconds(2);
    static final int PER_ADDRESS_CAP = 8;
    /** Longer than one full headers answer, so that a full answer can have less work than the victim's chain. */
    static final int PREFIX_BLOCKS = PeerMessages.MAX_HEADERS_RESULTS + 100;

    @TempDir
    static Path dir;
    TestNetwork net;
    Node victim;
    Node honest;
    HonestPinger pinger;
    final List<Block> prefix = new ArrayList<>();
    private final AtomicInteger nextAddress = new AtomicInteger(2);
    private int spentCoinbases;
    private Hash tipBefore;

    @BeforeAll
    void startTheVictimAndItsHonestPeers() throws Exception {
        net = new TestNetwork(dir);
        P2pSettings settings = P2pSettings.forLoopbackTests().withHandshakeTimeout(HANDSHAKE_TIMEOUT)
                .withStallTimeout(STALL_TIMEOUT).withMaxConnectionsPerIp(PER_ADDRESS_CAP);
        victim = net.start(dir.resolve("victim"), List.of(), List.of(), settings);
        RegtestBlockBuilder builder = new RegtestBlockBuilder();
        for (int i = 0; i < PREFIX_BLOCKS; i++) {
            Block b = builder.next(net.payTo, 0, List.of());
            prefix.add(b);
            victim.submitBlock(b);
        }
        honest = net.start(dir.resolve("honest"), List.of(), List.of(address(victim)), P2pSettings.forLoopbackTests());
        awaitSameTip(T, victim, honest);
        pinger = new HonestPinger(victim.p2pPort());
    }

    @AfterAll
    void stopAll() throws InterruptedException {
        if (pinger != null) {
            pinger.close();
        }
        net.close();
    }

    @BeforeEach
    void noteTheTip() {
        tipBefore = victim.chain().tip().hash();
    }

    /** After every case: the honest peers are still served, and blocks still flow both ways. */
    @AfterEach
    void theVictimStillServesItsHonestPeers() throws Exception {
        pinger.assertServedWithinOneSecond("during the attack");
        assertTrue(victim.network().peers().stream().anyMatch(p -> p.nodeId().equals(honest.network().nodeId())),
                "the honest node is still connected");
        awaitSameTip(T, victim, honest);
        net.mine(honest);
        awaitSameTip(T, victim, honest);
        net.mine(victim);
        awaitSameTip(T, victim, honest);
        pinger.assertServedWithinOneSecond("after the attack");
    }

    private String nextAttackerAddress() {
        return "127.0.0." + nextAddress.getAndIncrement();
    }

    private ScriptedPeer attacker() throws Exception {
        return ScriptedPeer.handshaken(victim.p2pPort(), nextAttackerAddress());
    }

    private ScriptedPeer bareAttacker() throws Exception {
        return ScriptedPeer.connect(victim.p2pPort(), nextAttackerAddress());
    }

    private void assertKeptItsChain() {
        assertEquals(tipBefore, victim.chain().tip().hash(), "the victim kept its chain");
    }

    private boolean isBanned(ScriptedPeer p) {
        String host = p.socket.getLocalAddress().getHostAddress();
        return victim.network().bans().stream().anyMatch(b -> b.address().equals(host));
    }

    private void assertBanned(ScriptedPeer p) throws InterruptedException {
        await("the attacker banned", T, () -> isBanned(p));
    }

    private int misbehaviourOf(ScriptedPeer p) {
        String host = p.socket.getLocalAddress().getHostAddress() + ":" + p.socket.getLocalPort();
        return victim.network().peers().stream().filter(i -> i.address().equals(host)).mapToInt(PeerInfo::misbehaviour)
                .findFirst().orElse(-1);
    }

    /** A block on the victim's tip holding {@code extra} transactions after the coinbase (merkle root as given). */
    private Block blockOnTip(List<Transaction> extra, long time) {
        Block template = net.assembleUnsolved(victim);
        List<Transaction> txs = new ArrayList<>();
        txs.add(template.transactions().get(0));
        txs.addAll(extra);
        BlockHeader h = template.header();
        Hash merkle = MerkleTree.root(txs.stream().map(Transaction::txid).toList());
        BlockHeader header = new BlockHeader(h.version(), h.prevHash(), merkle, time, h.bits(), 0);
        return ProofOfWork.solve(new Block(header, txs), 10_000_000);
    }

    /** A signed transaction spending the next unspent coinbase of the prefix (mature at the victim's height). */
    private Transaction spendNextCoinbase() {
        Transaction coinbase = prefix.get(spentCoinbases++).transactions().get(0);
        return spend(new OutPoint(coinbase.txid(), 0), coinbase.totalOutput());
    }

    private Transaction spend(OutPoint outPoint, long amount) {
        return TransactionSigner.sign(List.of(new TransactionSigner.SigningInput(outPoint, net.key)),
                List.of(new TxOutput(amount - 10_000, net.payTo)));
    }

    // ------------------------------------------------------------------ the handshake

    @Test
    void aMessageBeforeTheHandshakeGetsAnErrorAndTheConnectionClosed() throws Exception {
        try (ScriptedPeer p = bareAttacker()) {
            p.send(new PeerMessages.GetHeaders(List.of(Hash.ZERO), Hash.ZERO));
            assertEquals(HandshakeRejection.HANDSHAKE_REQUIRED, p.awaitClosedWithError().code());
            assertFalse(isBanned(p), "a confused peer is not banned");
        }
        assertKeptItsChain();
    }

    @Test
    void aWrongNetworkIdGetsAnErrorAndTheConnectionClosed() throws Exception {
        try (ScriptedPeer p = bareAttacker()) {
            p.send(p.version(ChainParams.MAIN.networkId(), ProtocolVersion.CURRENT));
            assertEquals(HandshakeRejection.WRONG_NETWORK, p.awaitClosedWithError().code());
        }
        assertKeptItsChain();
    }

    @Test
    void anUnsupportedProtocolVersionGetsAnErrorAndTheConnectionClosed() throws Exception {
        try (ScriptedPeer p = bareAttacker()) {
            p.send(p.version(ScriptedPeer.NETWORK, ProtocolVersion.MIN_SUPPORTED - 1));
            assertEquals(HandshakeRejection.UNSUPPORTED_VERSION, p.awaitClosedWithError().code());
        }
        assertKeptItsChain();
    }

    @Test
    void aConnectionToItselfIsRefusedAndTheNodeDoesNotDialItsOwnAddressAgain() throws Exception {
        try (ScriptedPeer p = bareAttacker()) {
            p.send(new Message.Version(ScriptedPeer.NETWORK, ProtocolVersion.CURRENT, victim.network().nodeId(), 0, 0,
                    java.math.BigInteger.ZERO, p.identity.key().publicKeyHex(), p.challenge));
            assertEquals(HandshakeRejection.SELF_CONNECTION, p.awaitClosedWithError().code());
        }
        int before = victim.network().connectionCount();
        HostPort itself = new HostPort("127.0.0.1", victim.p2pPort());
        victim.network().addNode(itself, PeerNetwork.AddNode.ONETRY);
        await("the dial to its own address to end in a self-connection", T, () -> victim.network().knownAsSelf(itself));
        assertEquals(before, victim.network().connectionCount(), "no connection to itself was kept");
        assertTrue(victim.network().peers().stream().noneMatch(i -> i.nodeId().equals(victim.network().nodeId())));
        assertKeptItsChain();
    }

    @Test
    void aPeerThatOpensTheHandshakeAndStallsIsDroppedByTheHandshakeTimeout() throws Exception {
        try (ScriptedPeer p = bareAttacker()) {
            long start = System.nanoTime();
            p.send(p.version(ScriptedPeer.NETWORK, ProtocolVersion.CURRENT));
            p.await(Message.Verack.class);
            // no verack from us: the handshake stays open
            assertEquals(HandshakeRejection.HANDSHAKE_TIMEOUT, p.awaitClosedWithError().code());
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis >= HANDSHAKE_TIMEOUT.toMillis() - 100 && millis < HANDSHAKE_TIMEOUT.toMillis() + 2_000,
                    "dropped after " + millis + " ms");
        }
        assertKeptItsChain();
    }

    @Test
    void twoHundredIdleConnectionsFromOneAddressAreCappedAndHonestPeersStillConnect() throws Exception {
        String host = nextAttackerAddress();
        List<ScriptedPeer> idle = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                idle.add(ScriptedPeer.connect(victim.p2pPort(), host));
            }
            await("all but the capped few refused", T, () -> idle.stream().filter(ScriptedPeer::isClosed).count()
                    >= 200 - PER_ADDRESS_CAP);
            long refused = idle.stream().filter(ScriptedPeer::isClosed).count();
            assertEquals(200 - PER_ADDRESS_CAP, refused, "the per-address cap holds");
            for (ScriptedPeer p : idle) {
                if (p.isClosed()) {
                    assertEquals(HandshakeRejection.TOO_MANY_CONNECTIONS, p.awaitClosed().code());
                }
            }
            try (ScriptedPeer another = ScriptedPeer.handshaken(victim.p2pPort(), nextAttackerAddress())) {
                another.pingPong();
            }
            // The idle ones never finish the handshake: the handshake timeout drops them too.
            for (ScriptedPeer p : idle) {
                String code = p.awaitClosed(HANDSHAKE_TIMEOUT.multipliedBy(3)).code();
                assertTrue(code.equals(HandshakeRejection.TOO_MANY_CONNECTIONS) || code.equals(HandshakeRejection.HANDSHAKE_TIMEOUT),
                        code);
            }
        } finally {
            idle.forEach(ScriptedPeer::close);
        }
        assertKeptItsChain();
    }

    // ------------------------------------------------------------------ framing

    @Test
    void framesSplitIntoSingleBytesParse() throws Exception {
        try (ScriptedPeer p = bareAttacker()) {
            p.sendOneByteAtATime(org.peerchain.p2p.wire.WireCodec.encode(p.version(ScriptedPeer.NETWORK,
                    ProtocolVersion.CURRENT)));
            Message.Version theirs = p.await(Message.Version.class);
            p.await(Message.Verack.class);
            p.sendOneByteAtATime(org.peerchain.p2p.wire.WireCodec.encode(p.verackFor(theirs)));
            p.sendOneByteAtATime(org.peerchain.p2p.wire.WireCodec.encode(new Message.Ping(42)));
            assertEquals(42, p.await(Message.Pong.class).nonce());
            assertEquals(0, misbehaviourOf(p));
        }
        assertKeptItsChain();
    }

    @Test
    void manyFramesInOneWriteParse() throws Exception {
        try (ScriptedPeer p = attacker()) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (int i = 1; i <= 500; i++) {
                all.write(org.peerchain.p2p.wire.WireCodec.encode(new Message.Ping(i)));
            }
            p.sendRaw(all.toByteArray());
            for (int i = 1; i <= 500; i++) {
                assertEquals(i, p.await(Message.Pong.class).nonce());
            }
            assertEquals(0, misbehaviourOf(p));
        }
        assertKeptItsChain();
    }

    @Test
    void aLengthPrefixOverTheLimitGetsTheSenderDisconnectedAndBanned() throws Exception {
        try (ScriptedPeer p = attacker()) {
            p.sendRaw(ByteBuffer.allocate(4).putInt(64 * 1024 * 1024).array());
            assertEquals("frame-too-large", p.awaitClosedWithError().code());
            assertBanned(p);
        }
        assertKeptItsChain();
    }

    @Test
    void oneHundredMegabytesOfJunkGetTheSenderDisconnectedAndBannedAfterItsFirstBytes() throws Exception {
        try (ScriptedPeer p = attacker()) {
            long sent = sendJunk(p, 100L * 1024 * 1024);
            assertTrue(p.awaitClosedWithError().code().startsWith("frame-too-large"));
            assertBanned(p);
            assertTrue(sent < 100L * 1024 * 1024, "the node stopped reading: " + sent + " bytes went out");
        }
        assertKeptItsChain();
    }

    /** Writes up to {@code total} random bytes until the node closes the connection; returns how many went out. */
    static long sendJunk(ScriptedPeer p, long total) {
        Random r = new Random(7);
        byte[] chunk = new byte[1 << 20];
        long sent = 0;
        try {
            OutputStream out = p.socket.getOutputStream();
            while (sent < total) {
                r.nextBytes(chunk);
                out.write(chunk);
                sent += chunk.length;
            }
        } catch (IOException e) {
            // the node closed the connection
        }
        return sent;
    }

    // ------------------------------------------------------------------ headers

    @Test
    void twoThousandAndOneHeadersInOneMessageGetTheSenderDisconnectedAndBanned() throws Exception {
        List<BlockHeader> headers = lowWorkHeaders(prefix.get(0).hash(), prefix.get(0).header().time(), 2, 2_001);
        try (ScriptedPeer p = attacker()) {
            p.sendUntilClosed(new PeerMessages.Headers(headers));
            assertEquals("bad-field", p.awaitClosedWithError().code());
            assertBanned(p);
        }
        assertNull(victim.chain().entry(headers.get(0).hash()), "nothing of it was stored");
        assertKeptItsChain();
    }

    @Test
    void aLocatorOfFiveHundredEntriesGetsTheSenderDisconnectedAndBanned() throws Exception {
        List<Hash> locator = IntStream.range(0, 500).mapToObj(i -> prefix.get(i % prefix.size()).hash())
                .collect(Collectors.toList());
        try (ScriptedPeer p = attacker()) {
            p.send(new PeerMessages.GetHeaders(locator, Hash.ZERO));
            assertEquals("message-too-large", p.awaitClosedWithError().code());
            assertBanned(p);
        }
        assertKeptItsChain();
    }

    /**
     * Valid headers (proof of work, continuity, timestamps) of a branch from {@code parent}: {@code count} of them,
     * the first at {@code firstHeight}.
     */
    static List<BlockHeader> lowWorkHeaders(Hash parent, long parentTime, int seed, int count) {
        List<BlockHeader> out = new ArrayList<>(count);
        Hash prev = parent;
        Random r = new Random(seed);
        for (int i = 0; i < count; i++) {
            byte[] merkle = new byte[32];
            r.nextBytes(merkle);
            BlockHeader h = new BlockHeader(ChainParams.BLOCK_VERSION, prev, Hash.wrap(merkle), parentTime + 1 + i,
                    ChainParams.REGTEST.powLimitBits(), 0);
            h = h.withNonce(ProofOfWork.findNonce(h, 10_000_000).orElseThrow());
            out.add(h);
            prev = h.hash();
        }
        return out;
    }

    @Test
    void aFullAnswerOfHeadersWithLessWorkThanOursIsCountedButNotStored() throws Exception {
        Block fork = prefix.get(1);
        List<BlockHeader> branch = lowWorkHeaders(fork.hash(), fork.header().time(), 11, PeerMessages.MAX_HEADERS_RESULTS);
        try (ScriptedPeer p = attacker()) {
            p.send(new PeerMessages.Headers(branch));
            PeerMessages.GetHeaders next = p.await(PeerMessages.GetHeaders.class);
            assertEquals(List.of(branch.get(branch.size() - 1).hash()), next.locator(), "asked for the rest of the branch");
            p.pingPong();
            assertEquals(0, misbehaviourOf(p), "a peer on a weaker branch may be honest");
        }
        assertEquals(0, branch.stream().filter(h -> victim.chain().entry(h.hash()) != null).count(),
                "no header of a branch with less work than ours is stored");
        assertKeptItsChain();
    }

    @Test
    void aLongHeaderChainWhoseBlocksNeverComeIsStoredOnlyUpToTheLeadLimitAndItsPeerDroppedForStalling()
            throws Exception {
        Block fork = prefix.get(0);
        int length = HeaderSync.MAX_HEADERS_LEAD + 4 * PeerMessages.MAX_HEADERS_RESULTS;
        List<BlockHeader> branch = lowWorkHeaders(fork.hash(), fork.header().time(), 12, length);
        try (ScriptedPeer p = attacker()) {
            p.send(new PeerMessages.Headers(branch.subList(0, PeerMessages.MAX_HEADERS_RESULTS)));
            // Serve headers as an honest peer would, and never a block.
            while (!p.isClosed()) {
                PeerMessages.GetHeaders g = p.awaitOrNull(PeerMessages.GetHeaders.class, Duration.ofSeconds(2));
                if (g == null) {
                    break;
                }
                int from = -1;
                for (Hash h : g.locator()) {
                    if (h.equals(fork.hash())) {
                        from = 0;
                        break;
                    }
                    int i = indexOf(branch, h);
                    if (i >= 0) {
                        from = i + 1;
                        break;
                    }
                }
                assertTrue(from >= 0, "the locator names the fork or a header of the branch");
                if (from >= branch.size()) {
                    break;
                }
                p.send(new PeerMessages.Headers(branch.subList(from, Math.min(branch.size(),
                        from + PeerMessages.MAX_HEADERS_RESULTS))));
                if (victim.chain().bestHeader().height() >= victim.chain().tip().height() + HeaderSync.MAX_HEADERS_LEAD) {
                    break;
                }
            }
            p.awaitClosed(STALL_TIMEOUT.multipliedBy(5));
            assertTrue(p.receivedAny(PeerMessages.GetData.class), "blocks were asked of it");
            assertFalse(isBanned(p), "stalling is dropped, not banned");
        }
        long stored = branch.stream().filter(h -> victim.chain().entry(h.hash()) != null).count();
        assertTrue(stored <= victim.chain().tip().height() + HeaderSync.MAX_HEADERS_LEAD - 1,
                stored + " headers stored");
        assertTrue(victim.chain().bestHeader().height() <= victim.chain().tip().height() + HeaderSync.MAX_HEADERS_LEAD);
        System.out.println("lead test: " + stored + " of " + branch.size() + " headers stored");
        assertKeptItsChain();
    }

    private static int indexOf(List<BlockHeader> branch, Hash h) {
        for (int i = branch.size() - 1; i >= 0; i--) {
            if (branch.get(i).hash().equals(h)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void headersThatDoNotConnectAreAnsweredWithGetheadersThenPenalisedThenBanned() throws Exception {
        try (ScriptedPeer p = attacker()) {
            // each is asked about; the peer answers that it has nothing more, so the next one is not a race
            for (int i = 0; i < Misbehaviour.MAX_UNCONNECTING_HEADERS; i++) {
                p.send(new PeerMessages.Headers(lowWorkHeaders(randomHash(i), prefix.get(5).header().time(), 1, 1)));
                p.await(PeerMessages.GetHeaders.class);
                p.send(new PeerMessages.Headers(List.of()));
            }
            p.pingPong();
            assertEquals(Misbehaviour.UNCONNECTING_HEADERS, misbehaviourOf(p));
            for (int i = Misbehaviour.MAX_UNCONNECTING_HEADERS; i < 5 * Misbehaviour.MAX_UNCONNECTING_HEADERS; i++) {
                p.send(new PeerMessages.Headers(lowWorkHeaders(randomHash(i), prefix.get(5).header().time(), 1, 1)));
                p.send(new PeerMessages.Headers(List.of()));
            }
            assertEquals(Misbehaviour.CODE_UNCONNECTING, p.awaitClosedWithError().code());
            assertBanned(p);
        }
        assertKeptItsChain();
    }

    @Test
    void headersThatDoNotConnectWhileOurGetheadersIsUnansweredGetNoSecondGetheadersAndNoPoints() throws Exception {
        try (ScriptedPeer p = attacker()) {
            p.send(new PeerMessages.Headers(lowWorkHeaders(randomHash(0), prefix.get(5).header().time(), 1, 1)));
            p.await(PeerMessages.GetHeaders.class);
            // never answered: 5 x the penalty threshold of announcements, each of which would otherwise be asked about
            for (int i = 1; i <= 5 * Misbehaviour.MAX_UNCONNECTING_HEADERS; i++) {
                p.send(new PeerMessages.Headers(lowWorkHeaders(randomHash(i), prefix.get(5).header().time(), 1, 1)));
            }
            p.pingPong();
            assertEquals(0, misbehaviourOf(p), "announcements racing our getheaders are what a fast honest miner sends");
            assertEquals(1, p.receivedCount(PeerMessages.GetHeaders.class),
                    "one getheaders outstanding at a time: no second one for the announcements that raced it");
        }
        assertKeptItsChain();
    }

    private static Hash randomHash(int seed) {
        byte[] b = new byte[32];
        new Random(1_000 + seed).nextBytes(b);
        return Hash.wrap(b);
    }

    // ------------------------------------------------------------------ blocks

    @Test
    void aBlockThreeHoursInTheFutureIsIgnoredWithoutPenalty() throws Exception {
        Block b = blockOnTip(List.of(), System.currentTimeMillis() / 1000 + 3 * 3600);
        try (ScriptedPeer p = attacker()) {
            p.send(new PeerMessages.BlockMessage(b.serialize()));
            p.pingPong();
            assertEquals(0, misbehaviourOf(p), "a clock ahead of ours is no misbehaviour");
        }
        assertNull(victim.chain().entry(b.hash()), "the block was not stored");
        assertKeptItsChain();
    }

    @Test
    void aBlockWithReorderedTransactionsIsRejectedAndTheSenderBannedAndTheRealBlockStillConnects() throws Exception {
        Block good = blockOnTip(List.of(spendNextCoinbase(), spendNextCoinbase()), victim.chain().tip().header().time() + 1);
        List<Transaction> swapped = new ArrayList<>(good.transactions());
        swapped.set(1, good.transactions().get(2));
        swapped.set(2, good.transactions().get(1));
        Block mutated = new Block(good.header(), swapped);
        assertEquals(good.hash(), mutated.hash(), "the same header: an attacker must not poison the real block");
        try (ScriptedPeer p = attacker()) {
            p.send(new PeerMessages.BlockMessage(mutated.serialize()));
            assertEquals("bad-merkle-root", p.awaitClosedWithError().code());
            assertBanned(p);
        }
        assertKeptItsChain();
        victim.submitBlock(good);
        assertEquals(good.hash(), victim.chain().tip().hash(), "the real block with that header still connects");
    }

    @Test
    void aBlockWithADuplicatedTransactionIsRejectedAndTheSenderBanned() throws Exception {
        Transaction tx = spendNextCoinbase();
        Block b = blockOnTip(List.of(tx, tx), victim.chain().tip().header().time() + 1);
        try (ScriptedPeer p = attacker()) {
            p.send(new PeerMessages.BlockMessage(b.serialize()));
            assertEquals("bad-txns-duplicate", p.awaitClosedWithError().code());
            assertBanned(p);
        }
        assertNull(victim.chain().entry(b.hash()));
        assertKeptItsChain();
    }

    @Test
    void aTransactionSpendingAMissingOutputIsIgnoredAloneAndBannedInABlock() throws Exception {
        Transaction orphan = spend(new OutPoint(randomHash(77), 0), 50_000);
        try (ScriptedPeer p = attacker()) {
            p.send(new PeerMessages.TxMessage(orphan.serialize()));
            p.pingPong();
            assertEquals(0, misbehaviourOf(p), "alone it may be an orphan: no penalty");
            assertFalse(victim.mempool().contains(orphan.txid()));
            Block b = blockOnTip(List.of(orphan), victim.chain().tip().header().time() + 1);
            p.send(new PeerMessages.BlockMessage(b.serialize()));
            assertEquals("bad-txns-inputs-missingorspent", p.awaitClosedWithError().code());
            assertBanned(p);
            assertTrue(victim.chain().entry(b.hash()) == null
                    || victim.chain().entry(b.hash()).status() == BlockStatus.FAILED);
        }
        assertKeptItsChain();
    }

    @Test
    void theSameValidBlockSentAHundredTimesConnectsOnceAndTheFloodGetsTheSenderBanned() throws Exception {
        Block b = blockOnTip(List.of(), victim.chain().tip().header().time() + 1);
        try (ScriptedPeer p = attacker()) {
            for (int i = 0; i < 100 && !p.isClosed(); i++) {
                p.send(new PeerMessages.BlockMessage(b.serialize()));
            }
            assertEquals(Misbehaviour.CODE_UNREQUESTED_FLOOD, p.awaitClosedWithError().code());
            assertBanned(p);
        }
        assertEquals(b.hash(), victim.chain().tip().hash(), "the block connected once");
        awaitSameTip(T, victim, honest);
    }

    // ------------------------------------------------------------------ inventory, addresses, stalls

    @Test
    void anInventoryOfFiftyThousandAndOneEntriesGetsTheSenderDisconnectedAndBanned() throws Exception {
        List<InvItem> items = IntStream.range(0, 50_001).mapToObj(i -> new InvItem(InvKind.TX, randomHash(i)))
                .collect(Collectors.toList());
        try (ScriptedPeer p = attacker()) {
            p.sendUntilClosed(new PeerMessages.Inv(items));
            assertEquals("message-too-large", p.awaitClosedWithError().code());
            assertBanned(p);
        }
        assertKeptItsChain();
    }

    @Test
    void oneThousandAndOneAddressesGetTheSenderDisconnectedAndBannedAndNoneIsStored() throws Exception {
        List<PeerMessages.NetAddress> addrs = IntStream.range(0, 1_001)
                .mapToObj(i -> new PeerMessages.NetAddress("10.9." + (i / 250) + "." + (i % 250 + 1), 5000, 1))
                .collect(Collectors.toList());
        int before = victim.network().addressBook().entries(10_000).size();
        try (ScriptedPeer p = attacker()) {
            p.send(new PeerMessages.Addr(addrs));
            assertEquals("bad-field", p.awaitClosedWithError().code());
            assertBanned(p);
        }
        assertEquals(before, victim.network().addressBook().entries(10_000).size());
        assertKeptItsChain();
    }

    @Test
    void gossipedNamesLowPortsAndUnroutableAddressesAreNotKept() throws Exception {
        List<PeerMessages.NetAddress> addrs = List.of(
                new PeerMessages.NetAddress("evil.example", 18_444, 1),
                new PeerMessages.NetAddress("8.8.8.8", 22, 1),
                new PeerMessages.NetAddress("0.0.0.0", 18_444, 1),
                new PeerMessages.NetAddress("224.0.0.1", 18_444, 1),
                new PeerMessages.NetAddress("255.255.255.255", 18_444, 1),
                new PeerMessages.NetAddress("8.8.4.4", 18_444, 1),
                new PeerMessages.NetAddress("127.0.0.99", 18_444, 1));
        try (ScriptedPeer p = attacker()) {
            p.send(new PeerMessages.Addr(addrs));
            p.pingPong();
            assertFalse(p.isClosed(), "sending such addresses is not misbehaviour");
        }
        java.util.Set<String> kept = victim.network().addressBook().entries(PeerAddressBook.MAX_NEW + PeerAddressBook.MAX_TRIED)
                .stream().map(e -> e.address().toString()).collect(Collectors.toSet());
        assertTrue(kept.contains("8.8.4.4:18444") && kept.contains("127.0.0.99:18444"),
                "a public address and, from a peer on this machine, a loopback one are kept: " + kept);
        for (String refused : List.of("evil.example:18444", "8.8.8.8:22", "0.0.0.0:18444", "224.0.0.1:18444",
                "255.255.255.255:18444")) {
            assertFalse(kept.contains(refused), refused + " was kept");
        }
        assertKeptItsChain();
    }

    @Test
    void aFloodOfGossipedAddressesFillsAtMostItsSendersShareOfTheAddressBook() throws Exception {
        PeerAddressBook.Size before = victim.network().addressBook().size();
        int messages = 100;
        try (ScriptedPeer p = attacker()) {
            for (int m = 0; m < messages; m++) {
                int base = m;
                p.send(new PeerMessages.Addr(IntStream.range(0, PeerMessages.MAX_ADDR_SZ)
                        .mapToObj(i -> new PeerMessages.NetAddress("20." + base + "." + (i / 250) + "." + (i % 250 + 1),
                                18_444, 1)).collect(Collectors.toList())));
            }
            p.pingPong();
            assertFalse(p.isClosed(), "gossip over the rate is dropped, not punished");
        }
        PeerAddressBook.Size after = victim.network().addressBook().size();
        System.out.printf("address flood: %,d addresses sent; the book went from %s to %s%n",
                messages * PeerMessages.MAX_ADDR_SZ, before, after);
        assertTrue(after.fresh() - before.fresh() <= PeerAddressBook.MAX_NEW_PER_SOURCE,
                "one sender added " + (after.fresh() - before.fresh()) + " new addresses, more than its share of "
                        + PeerAddressBook.MAX_NEW_PER_SOURCE);
        assertKeptItsChain();
    }

    @Test
    void aBlockAnnouncedAndNeverDeliveredIsFetchedFromAnotherPeerWithinTheStallTimeout() throws Exception {
        Block b = blockOnTip(List.of(), victim.chain().tip().header().time() + 1);
        try (ScriptedPeer staller = attacker(); ScriptedPeer holder = attacker()) {
            staller.send(new PeerMessages.Headers(List.of(b.header())));
            PeerMessages.GetData asked = staller.await(PeerMessages.GetData.class);
            assertEquals(b.hash(), asked.items().get(0).hash());
            long askedAt = System.nanoTime();
            holder.send(new PeerMessages.Headers(List.of(b.header())));
            PeerMessages.GetData second = holder.await(PeerMessages.GetData.class, STALL_TIMEOUT.multipliedBy(3));
            long waited = (System.nanoTime() - askedAt) / 1_000_000;
            assertEquals(b.hash(), second.items().get(0).hash());
            assertTrue(waited >= STALL_TIMEOUT.toMillis() - 300, "asked of the second peer only after the stall: " + waited);
            holder.send(new PeerMessages.BlockMessage(b.serialize()));
            await("the block connected", T, () -> victim.chain().tip().hash().equals(b.hash()));
            staller.awaitClosed();
            assertFalse(isBanned(staller), "a slow peer is dropped, not banned");
        }
    }

    @Test
    void aBlockAnsweredWithNotfoundIsAskedOfAnotherPeerAtOnce() throws Exception {
        Block b = blockOnTip(List.of(), victim.chain().tip().header().time() + 1);
        try (ScriptedPeer lacks = attacker(); ScriptedPeer holder = attacker()) {
            lacks.send(new PeerMessages.Headers(List.of(b.header())));
            PeerMessages.GetData asked = lacks.await(PeerMessages.GetData.class);
            holder.send(new PeerMessages.Headers(List.of(b.header())));
            holder.pingPong();
            long start = System.nanoTime();
            lacks.send(new PeerMessages.NotFound(asked.items()));
            holder.await(PeerMessages.GetData.class, STALL_TIMEOUT.dividedBy(2));
            assertTrue(System.nanoTime() - start < STALL_TIMEOUT.toNanos());
            holder.send(new PeerMessages.BlockMessage(b.serialize()));
            await("the block connected", T, () -> victim.chain().tip().hash().equals(b.hash()));
            assertFalse(lacks.isClosed(), "notfound is no misbehaviour");
        }
    }
}
