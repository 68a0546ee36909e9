package org.peerchain.consensus;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

/**
 * Builds valid regtest blocks and signed transactions for rule tests, so that each test can break
 * exactly one rule of an otherwise valid value. Keys are deterministic, so every run builds the same bytes.
 */
final class RegtestFixture {
    static final ChainParams PARAMS = ChainParams.REGTEST;
    /** A time after every network's genesis, used as the node's clock and as the base of block times. */
    static final long BASE_TIME = PARAMS.genesis().header().time() + 1_000;
    /** A regtest block passes with about one nonce in two: a thousand misses in a row means a broken miner. */
    private static final long MAX_NONCE_TRIES = 1_000;

    private RegtestFixture() {
    }

    /** A key pair whose 32-byte private key is {@code seed} repeated. */
    static Ed25519Keys.KeyPair key(int seed) {
        byte[] priv = new byte[Ed25519Keys.PRIVATE_KEY_SIZE];
        Arrays.fill(priv, (byte) seed);
        return Ed25519Keys.fromPrivateKey(priv);
    }

    static KeyHash keyHash(Ed25519Keys.KeyPair key) {
        return KeyHash.of(key.publicKey());
    }

    /** Coinbase data as the rules want it: the height as a 4-byte integer, then an extra nonce. */
    static byte[] coinbaseData(int height) {
        return new CanonicalWriter().u32(height).u32(0xC0FFEE).toByteArray();
    }

    static Transaction coinbase(int height, long amount, KeyHash payTo) {
        return new Transaction(Transaction.CURRENT_VERSION, List.of(TxInput.coinbase(coinbaseData(height))),
                List.of(new TxOutput(amount, payTo)));
    }

    /** A coinbase at {@code height} claiming exactly the subsidy. */
    static Transaction coinbase(int height) {
        return coinbase(height, PARAMS.subsidy(height), keyHash(key(1)));
    }

    /** Signs every input with the key whose public key the input carries (one key per input, in order). */
    static Transaction signed(int version, List<OutPoint> prevouts, List<Ed25519Keys.KeyPair> keys,
            List<TxOutput> outputs) {
        List<TxInput> unsigned = new ArrayList<>();
        for (int i = 0; i < prevouts.size(); i++) {
            unsigned.add(new TxInput(prevouts.get(i), keys.get(i).publicKey(), new byte[0]));
        }
        Hash sigHash = new Transaction(version, unsigned, outputs).sigHash();
        List<TxInput> signedInputs = new ArrayList<>();
        for (int i = 0; i < unsigned.size(); i++) {
            signedInputs.add(unsigned.get(i).withSignature(Ed25519Keys.sign(keys.get(i).privateKey(), sigHash)));
        }
        return new Transaction(version, signedInputs, outputs);
    }

    /** A version-1 transaction spending {@code prevout} with {@code key}, paying {@code amount} to key 2. */
    static Transaction spend(OutPoint prevout, Ed25519Keys.KeyPair key, long amount) {
        return signed(Transaction.CURRENT_VERSION, List.of(prevout), List.of(key),
                List.of(new TxOutput(amount, keyHash(key(2)))));
    }

    /** An outpoint of a made-up earlier transaction, distinct for every {@code n}. */
    static OutPoint outPoint(int n) {
        return new OutPoint(Hash.sha256d(new CanonicalWriter().u32(n).toByteArray()), n % 3);
    }

    /** A header with these transactions' merkle root, mined at regtest difficulty. */
    static Block mined(int version, Hash parent, long time, List<Transaction> txs) {
        Hash merkle = MerkleTree.root(txs.stream().map(Transaction::txid).toList());
        BlockHeader header = new BlockHeader(version, parent, merkle, time, PARAMS.powLimitBits(), 0);
        return new Block(mine(header), txs);
    }

    static Block mined(List<Transaction> txs) {
        return mined(ChainParams.BLOCK_VERSION, PARAMS.genesisHash(), BASE_TIME, txs);
    }

    /** A valid regtest block at height 1 on genesis with a coinbase and the given transactions. */
    static Block block(Transaction... txs) {
        List<Transaction> all = new ArrayList<>();
        all.add(coinbase(1));
        all.addAll(List.of(txs));
        return mined(all);
    }

    static BlockHeader mine(BlockHeader header) {
        BigInteger target = CompactTarget.decode(header.bits());
        for (long nonce = 0; nonce < MAX_NONCE_TRIES; nonce++) {
            BlockHeader h = header.withNonce(nonce);
            if (CompactTarget.meets(h.hash(), target)) {
                return h;
            }
        }
        throw new AssertionError("no nonce below " + MAX_NONCE_TRIES + " meets bits " + Long.toHexString(header.bits()));
    }

    /** The same header with a nonce whose hash misses the target. */
    static BlockHeader unmine(BlockHeader header) {
        BigInteger target = CompactTarget.decode(header.bits());
        for (long nonce = 0; nonce < MAX_NONCE_TRIES; nonce++) {
            BlockHeader h = header.withNonce(nonce);
            if (!CompactTarget.meets(h.hash(), target)) {
                return h;
            }
        }
        throw new AssertionError("every nonce meets bits " + Long.toHexString(header.bits()));
    }

    /** An in-memory UTXO set: a plain map behind the functional interface. */
    static final class Coins implements UtxoView {
        private final Map<OutPoint, Coin> coins = new HashMap<>();

        Coins add(OutPoint outPoint, long amount, KeyHash owner, int height, boolean coinbase) {
            coins.put(outPoint, new Coin(new TxOutput(amount, owner), height, coinbase));
            return this;
        }

        @Override
        public Coin coin(OutPoint outPoint) {
            return coins.get(outPoint);
        }
    }

    /** A branch of headers given by their times and bits, read by height. */
    record Ancestry(long[] times, long[] bits) implements HeaderAncestry {
        /** {@code count} headers {@code spacing} seconds apart from {@code start}, all with {@code bits}. */
        static Ancestry regular(int count, long start, long spacing, long bits) {
            long[] times = new long[count];
            long[] allBits = new long[count];
            for (int i = 0; i < count; i++) {
                times[i] = start + spacing * i;
                allBits[i] = bits;
            }
            return new Ancestry(times, allBits);
        }

        Ancestry withTimeAt(int height, long time) {
            long[] t = times.clone();
            t[height] = time;
            return new Ancestry(t, bits);
        }

        @Override
        public int height() {
            return times.length - 1;
        }

        @Override
        public long timeAt(int height) {
            return times[height];
        }

        @Override
        public long bitsAt(int height) {
            return bits[height];
        }
    }
}
