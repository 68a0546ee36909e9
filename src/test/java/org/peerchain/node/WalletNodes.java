package org.peerchain.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.peerchain.chain.BlockOutcome;
import org.peerchain.consensus.ChainParams;
import org.peerchain.core.Block;
import org.peerchain.core.Ed25519Keys;
import org.peerchain.core.KeyHash;
import org.peerchain.core.OutPoint;
import org.peerchain.core.Transaction;
import org.peerchain.core.TxOutput;
import org.peerchain.mining.ProofOfWork;
import org.peerchain.wallet.KeyChain;
import org.peerchain.wallet.KeyPath;
import org.peerchain.wallet.Keystore;
import org.peerchain.wallet.RecoveryPhrase;
import org.peerchain.wallet.TransactionSigner;
import org.peerchain.wallet.Wallet;

/** Real regtest nodes with wallets in temp directories, and blocks mined the way the miner will: assemble, solve, submit. */
final class WalletNodes {
    static final char[] PASSWORD = "correct horse battery staple".toCharArray();
    /** The keystore's lowest iteration count, so that each unlock in a test is quick. */
    static final int TEST_ITERATIONS = Keystore.MIN_ITERATIONS;
    static final Duration UNLOCK = Duration.ofMinutes(10);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static long extraNonce;

    private WalletNodes() {
    }

    /** Makes a wallet from {@code phrase} in {@code dir} (restored: it scans the chain) and starts a node there. */
    static Node startWithWallet(Path dir, RecoveryPhrase phrase, boolean restored) throws Exception {
        Wallet.create(dir, ChainParams.REGTEST, PASSWORD, phrase, "", restored, TEST_ITERATIONS);
        return Node.start(NodeConfig.regtest(dir));
    }

    static RecoveryPhrase newPhrase() {
        return RecoveryPhrase.generate(RANDOM);
    }

    static Wallet wallet(Node node) {
        return node.wallet().orElseThrow();
    }

    /** Mines {@code count} blocks on {@code node} paying {@code payTo}, with whatever its mempool holds. */
    static List<Block> mine(Node node, KeyHash payTo, int count) throws Exception {
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Block b = ProofOfWork.solve(node.assembler().assemble(payTo, extraNonce++).block(), 1_000_000);
            assertEquals(BlockOutcome.ACTIVE, node.submitBlock(b));
            blocks.add(b);
        }
        return blocks;
    }

    /** Hands blocks to another node as P2P sync would (P2P is not in this branch: the test plays the network). */
    static void relayBlocks(List<Block> blocks, Node to) throws Exception {
        for (Block b : blocks) {
            to.submitBlock(b);
        }
    }

    /** Every block of {@code from}'s active chain above genesis. */
    static List<Block> chainOf(Node from) {
        List<Block> blocks = new ArrayList<>();
        for (int h = 1; h <= from.chain().height(); h++) {
            blocks.add(from.chain().block(from.chain().entryAt(h).hash()));
        }
        return blocks;
    }

    /** A transaction spending {@code spent} (paid to a receive key of {@code phrase}) elsewhere: a double spend. */
    static Transaction doubleSpend(RecoveryPhrase phrase, OutPoint spent, long amount, KeyHash paidTo, KeyHash payTo) {
        byte[] seed = phrase.toSeed("");
        try (KeyChain keys = KeyChain.fromSeed(seed)) {
            for (int chainNo : new int[] {KeyPath.RECEIVE, KeyPath.CHANGE}) {
                for (int i = 0; i < Wallet.KEYPOOL_SIZE; i++) {
                    Ed25519Keys.KeyPair pair = keys.keyPair(new KeyPath(chainNo, i));
                    if (KeyHash.of(pair.publicKey()).equals(paidTo)) {
                        return TransactionSigner.sign(List.of(new TransactionSigner.SigningInput(spent, pair)),
                                List.of(new TxOutput(amount - 10_000, payTo)));
                    }
                }
            }
        }
        throw new IllegalStateException("no key of the phrase pays " + paidTo);
    }
}
