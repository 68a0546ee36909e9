package org.peerchain.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerchain.p2p.TestNetwork.address;
import static org.peerchain.p2p.TestNetwork.await;
import static org.peerchain.p2p.TestNetwork.awaitSameTip;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.bench.RegtestBlockBuilder;
import org.peerchain.core.Block;
import org.peerchain.core.Ed25519Keys;
import org.peerchain.core.Hash;
import org.peerchain.core.OutPoint;
import org.peerchain.core.Transaction;
import org.peerchain.core.TxInput;
import org.peerchain.core.TxOutput;
import org.peerchain.node.Node;
import org.peerchain.p2p.wire.PeerMessages;
import org.peerchain.wallet.TransactionSigner;

/**
 * Security round 2, finding 2: transactions whose inputs do not exist cost their sender nothing, and (before the
 * fix) each cost the node a signature verification per input. A peer flooding them must be stopped while an
 * honest peer is served.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MissingInputsFloodTest {
    static final Duration T = TestNetwork.PROPAGATION_TIMEOUT;
    /** Inputs of each flooding transaction: 13 KB each, a hundred verifications each on the code before the fix. */
    static final int INPUTS_PER_TRANSACTION = 100;
    /** Well past what one peer may send of transactions with missing inputs at once. */
    static final int FLOOD = MissingInputsBudget.BURST + 2 * Misbehaviour.BAN_THRESHOLD / Misbehaviour.MISSING_INPUTS_FLOOD;

    @TempDir
    Path dir;
    TestNetwork net;
    Node victim;
    Node honest;
    HonestPinger pinger;
    final List<Block> prefix = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        net = new TestNetwork(dir);
        victim = net.start(List.of(), List.of());
        RegtestBlockBuilder builder = new RegtestBlockBuilder();
        for (int i = 0; i < 101; i++) {
            Block b = builder.next(net.payTo, 0, List.of());
            prefix.add(b);
            victim.submitBlock(b);
        }
        honest = net.start(List.of(), List.of(address(victim)));
        awaitSameTip(T, victim, honest);
        pinger = new HonestPinger(victim.p2pPort());
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        if (pinger != null) {
            pinger.close();
        }
        net.close();
    }

    @Test
    void aPeerFloodingTransactionsOfMadeUpOutpointsIsBannedAtNoSignatureCostWhileTheHonestPeerIsServed()
            throws Exception {
        long verificationsBefore = victim.mempool().signatureVerifications();
        Ed25519Keys.KeyPair attackerKey = Ed25519Keys.generate(new java.security.SecureRandom());
        Random random = new Random(2);
        try (ScriptedPeer attacker = ScriptedPeer.handshaken(victim.p2pPort(), "127.0.0.2")) {
            for (int i = 0; i < FLOOD && !attacker.isClosed(); i++) {
                try {
                    attacker.send(new PeerMessages.TxMessage(madeUp(attackerKey, random).serialize()));
                } catch (IOException e) {
                    break;
                }
                assertTrue(victim.network().orphanCount() <= OrphanTransactions.MAX_ORPHANS);
            }
            assertEquals(Misbehaviour.CODE_MISSING_INPUTS_FLOOD, attacker.awaitClosedWithError().code());
        }
        await("the flooding peer banned", T,
                () -> victim.network().bans().stream().anyMatch(b -> b.address().equals("127.0.0.2")));
        await("the flooding peer's orphans gone with it", T, () -> victim.network().orphanCount() == 0);
        assertEquals(verificationsBefore, victim.mempool().signatureVerifications(),
                "signatures verified for transactions spending nothing that exists");

        pinger.assertServedWithinOneSecond("during the flood");
        Transaction coinbase = prefix.get(0).transactions().get(0);
        Transaction payment = TransactionSigner.sign(
                List.of(new TransactionSigner.SigningInput(new OutPoint(coinbase.txid(), 0), net.key)),
                List.of(new TxOutput(coinbase.totalOutput() - 10_000, net.payTo)));
        honest.submitTransaction(payment);
        await("the honest peer's transaction relayed", T, () -> victim.mempool().contains(payment.txid()));
        net.mine(honest);
        awaitSameTip(T, victim, honest);
        assertTrue(victim.network().bans().stream().noneMatch(b -> b.address().equals("127.0.0.1")),
                "the honest peers are not banned");
    }

    /** A transaction of made-up outpoints, every input carrying the one valid signature of its message. */
    private static Transaction madeUp(Ed25519Keys.KeyPair key, Random random) {
        List<TxInput> unsigned = new ArrayList<>();
        for (int i = 0; i < INPUTS_PER_TRANSACTION; i++) {
            byte[] txid = new byte[32];
            random.nextBytes(txid);
            unsigned.add(new TxInput(new OutPoint(Hash.wrap(txid), 0), key.publicKey(), new byte[0]));
        }
        List<TxOutput> outputs = List.of(new TxOutput(1_000_000, org.peerchain.core.KeyHash.of(key.publicKey())));
        Transaction draft = new Transaction(Transaction.CURRENT_VERSION, unsigned, outputs);
        byte[] signature = Ed25519Keys.sign(key.privateKey(), draft.sigHash());
        return new Transaction(Transaction.CURRENT_VERSION,
                unsigned.stream().map(in -> in.withSignature(signature)).toList(), outputs);
    }
}
