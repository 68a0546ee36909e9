package org.peerchain.testing;

import java.util.ArrayList;
import java.util.List;
import org.peerchain.consensus.ChainParams;
import org.peerchain.core.Block;
import org.peerchain.core.BlockHeader;
import org.peerchain.core.CanonicalWriter;
import org.peerchain.core.Ed25519Keys;
import org.peerchain.core.Hash;
import org.peerchain.core.KeyHash;
import org.peerchain.core.MerkleTree;
import org.peerchain.core.OutPoint;
import org.peerchain.core.Transaction;
import org.peerchain.core.TxInput;
import org.peerchain.core.TxOutput;
import org.peerchain.mining.ProofOfWork;

/**
 * Builds valid regtest blocks and signed transactions without any chain: a block is built on a parent
 * header, one second after it (so its time is always above the median time past of its branch), with
 * the parent's target (regtest never retargets) and a coinbase that starts with the height, as
 * consensus demands. A {@code tag} in the coinbase tells apart blocks of competing branches that would
 * otherwise be identical.
 */
public final class RegtestBlocks {
    public static final ChainParams PARAMS = ChainParams.REGTEST;
    /** Regtest's target passes about half of all nonces: this many tries never fail in practice. */
    public static final long MAX_NONCE_TRIES = 10_000;
    /** The fee every helper-built spend pays unless told otherwise. */
    public static final long DEFAULT_FEE = 10_000;

    private RegtestBlocks() {
    }

    /** A key pair derived from {@code name}, the same in every JVM (the crash test's child needs that). */
    public static Ed25519Keys.KeyPair key(String name) {
        byte[] seed = Hash.sha256d(name.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toBytes();
        return Ed25519Keys.fromPrivateKey(seed);
    }

    public static KeyHash keyHash(Ed25519Keys.KeyPair key) {
        return KeyHash.of(key.publicKey());
    }

    public static Transaction coinbase(int height, long tag, long amount, KeyHash payTo) {
        byte[] data = new CanonicalWriter(12).u32(height).i64(tag).toByteArray();
        return new Transaction(Transaction.CURRENT_VERSION, List.of(TxInput.coinbase(data)),
                List.of(new TxOutput(amount, payTo)));
    }

    /** A solved block at {@code height} on {@code parent}, its coinbase paying the subsidy to {@code payTo}. */
    public static Block build(BlockHeader parent, int height, List<Transaction> txs, KeyHash payTo, long tag) {
        List<Transaction> all = new ArrayList<>(txs.size() + 1);
        all.add(coinbase(height, tag, PARAMS.subsidy(height), payTo));
        all.addAll(txs);
        return assemble(parent, all);
    }

    /** A solved block of exactly these transactions (the first must be the coinbase) on {@code parent}. */
    public static Block assemble(BlockHeader parent, List<Transaction> all) {
        Hash merkle = MerkleTree.root(all.stream().map(Transaction::txid).toList());
        BlockHeader header = new BlockHeader(ChainParams.BLOCK_VERSION, parent.hash(), merkle, parent.time() + 1,
                parent.bits(), 0);
        return ProofOfWork.solve(new Block(header, all), MAX_NONCE_TRIES);
    }

    /** {@code count} coinbase-only blocks on genesis, heights 1..count, paying {@code payTo}. */
    public static List<Block> coinbaseOnlyChain(int count, KeyHash payTo, long tag) {
        List<Block> blocks = new ArrayList<>(count);
        BlockHeader parent = PARAMS.genesis().header();
        for (int h = 1; h <= count; h++) {
            Block b = build(parent, h, List.of(), payTo, tag);
            blocks.add(b);
            parent = b.header();
        }
        return blocks;
    }

    /** The outpoint of a block's coinbase output. */
    public static OutPoint coinbaseOf(Block block) {
        return new OutPoint(block.transactions().get(0).txid(), 0);
    }

    /** A transaction spending {@code inputs} (all paid to {@code key}) into {@code outputs}, every input signed. */
    public static Transaction spend(Ed25519Keys.KeyPair key, List<OutPoint> inputs, List<TxOutput> outputs) {
        List<TxInput> unsigned = new ArrayList<>();
        for (OutPoint p : inputs) {
            unsigned.add(new TxInput(p, key.publicKey(), new byte[0]));
        }
        Transaction draft = new Transaction(Transaction.CURRENT_VERSION, unsigned, outputs);
        byte[] signature = Ed25519Keys.sign(key.privateKey(), draft.sigHash());
        List<TxInput> signed = unsigned.stream().map(in -> in.withSignature(signature)).toList();
        return new Transaction(Transaction.CURRENT_VERSION, signed, outputs);
    }

    /** Spends one output worth {@code value} to {@code to}, keeping {@code fee} as the fee. */
    public static Transaction spend(Ed25519Keys.KeyPair key, OutPoint input, long value, long fee, KeyHash to) {
        return spend(key, List.of(input), List.of(new TxOutput(value - fee, to)));
    }

    /** The same transaction with input {@code index}'s signature broken (one bit flipped). */
    public static Transaction withBadSignature(Transaction tx, int index) {
        List<TxInput> ins = new ArrayList<>(tx.inputs());
        byte[] sig = ins.get(index).signature();
        sig[0] ^= 1;
        ins.set(index, ins.get(index).withSignature(sig));
        return new Transaction(tx.version(), ins, tx.outputs());
    }
}
