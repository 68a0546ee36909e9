package org.peerchain.testing;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.peerchain.chain.BlockOutcome;
import org.peerchain.consensus.ChainParams;
import org.peerchain.core.Block;
import org.peerchain.core.Hash;
import org.peerchain.core.KeyHash;
import org.peerchain.mining.ProofOfWork;
import org.peerchain.node.Node;
import org.peerchain.node.NodeConfig;
import org.peerchain.node.api.SendRequest;
import org.peerchain.node.api.WalletService;
import org.peerchain.wallet.Keystore;
import org.peerchain.wallet.RecoveryPhrase;
import org.peerchain.wallet.Wallet;

/**
 * Wallets for the desktop's screen tests: a wallet made in a data directory before its node starts there (with the
 * keystore's lowest iteration count, so a send's unlock is quick), blocks mined to it as the miner would, and payments
 * made through the wallet service as the Send screen makes them.
 */
public final class DesktopWallets {
    public static final char[] PASSWORD = "correct horse battery staple".toCharArray();
    /** A fee rate every regtest node relays. */
    public static final long FEE_RATE = 10;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AtomicLong EXTRA_NONCE = new AtomicLong();

    private DesktopWallets() {
    }

    /** Makes a new wallet in {@code dir}, for a node started there next. */
    public static void create(Path dir) throws Exception {
        Wallet.create(dir, ChainParams.REGTEST, PASSWORD.clone(), RecoveryPhrase.generate(RANDOM), "", false,
                Keystore.MIN_ITERATIONS);
    }

    /** A regtest node with a new wallet, RPC and P2P off. */
    public static Node start(Path dir) throws Exception {
        create(dir);
        return Node.start(NodeConfig.regtest(dir).withRpcPort(NodeConfig.OFF));
    }

    /** Mines {@code count} blocks paying the node's own wallet. */
    public static void mineToWallet(Node node, int count) throws Exception {
        mine(node, node.wallet().orElseThrow().miningKeyHash(), count);
    }

    /** Mines {@code count} blocks paying {@code payTo}, with whatever the mempool holds. */
    public static void mine(Node node, KeyHash payTo, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            Block b = ProofOfWork.solve(node.assembler().assemble(payTo, EXTRA_NONCE.incrementAndGet()).block(),
                    1_000_000);
            if (node.submitBlock(b) != BlockOutcome.ACTIVE) {
                throw new IllegalStateException("a mined block did not become the tip");
            }
        }
    }

    /** A key nobody in the test holds, for blocks that only add confirmations. */
    public static KeyHash someoneElse() {
        return KeyHash.of(new byte[32]);
    }

    /** Mines a spendable balance: one block to the wallet, then enough for its reward to mature. */
    public static void fund(Node node) throws Exception {
        mineToWallet(node, 1);
        mine(node, someoneElse(), ChainParams.COINBASE_MATURITY);
    }

    /** Pays {@code amount} base units to {@code address} from the node's wallet, unlocking it for this send. */
    public static Hash pay(Node from, String address, long amount) throws Exception {
        WalletService w = from.services().wallet();
        return w.confirm(w.review(SendRequest.to(address, amount, FEE_RATE)), Optional.of(PASSWORD.clone()));
    }
}
