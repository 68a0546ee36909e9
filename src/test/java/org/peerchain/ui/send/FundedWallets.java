package org.peerchain.ui.send;

import java.nio.file.Path;
import java.security.SecureRandom;
import org.peerchain.consensus.ChainParams;
import org.peerchain.core.Address;
import org.peerchain.core.KeyHash;
import org.peerchain.mining.ProofOfWork;
import org.peerchain.node.Node;
import org.peerchain.wallet.Keystore;
import org.peerchain.wallet.RecoveryPhrase;
import org.peerchain.wallet.Wallet;

/**
 * The Send tests' wallets: a real wallet made in a data directory before its node starts (locked, as the app starts
 * it), and coins mined to it the way the miner does (assemble, solve, submit), then left to mature.
 */
final class FundedWallets {
    static final char[] PASSWORD = "correct horse battery staple".toCharArray();
    static final KeyHash SOMEONE_ELSE = KeyHash.of(new byte[32]);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static long extraNonce;

    private FundedWallets() {
    }

    /** Makes a wallet in {@code dataDir}, with the keystore's quickest setting so each unlock in a test is quick. */
    static void makeWallet(Path dataDir) throws Exception {
        Wallet.create(dataDir, ChainParams.REGTEST, PASSWORD.clone(), RecoveryPhrase.generate(RANDOM), "", false,
                Keystore.MIN_ITERATIONS);
    }

    /** Mines {@code mature} rewards to {@code node}'s wallet and enough blocks after them that they are spendable. */
    static void fund(Node node, int mature) throws Exception {
        KeyHash payTo = node.wallet().orElseThrow().miningKeyHash();
        mine(node, payTo, mature);
        mine(node, SOMEONE_ELSE, ChainParams.COINBASE_MATURITY);
    }

    static void mine(Node node, KeyHash payTo, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            node.submitBlock(ProofOfWork.solve(node.assembler().assemble(payTo, extraNonce++).block(), 1_000_000));
        }
    }

    /** An address of no wallet here, on {@code network}. */
    static String elsewhere(ChainParams network) {
        return new Address(network.addressPrefix(), SOMEONE_ELSE).encode();
    }

    /** {@code address} with its last character changed: a typo the checksum catches. */
    static String typo(String address) {
        char last = address.charAt(address.length() - 1);
        return address.substring(0, address.length() - 1) + (last == 'z' ? 'y' : 'z');
    }
}
