package org.peerchain.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Deterministic keys, transactions and blocks for the value-type tests. */
final class Samples {
    private Samples() {
    }

    static Ed25519Keys.KeyPair key(int seed) {
        byte[] priv = new byte[Ed25519Keys.PRIVATE_KEY_SIZE];
        Arrays.fill(priv, (byte) seed);
        return Ed25519Keys.fromPrivateKey(priv);
    }

    static Hash hash(int n) {
        return Hash.sha256d(new CanonicalWriter().u32(n).toByteArray());
    }

    static Transaction coinbase(int height) {
        byte[] data = new CanonicalWriter().u32(height).raw("extra".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toByteArray();
        return new Transaction(Transaction.CURRENT_VERSION, List.of(TxInput.coinbase(data)),
                List.of(new TxOutput(Amount.coins(50), KeyHash.of(key(1).publicKey()))));
    }

    /** Three inputs signed by three keys, two outputs. */
    static Transaction multiInput() {
        List<Ed25519Keys.KeyPair> keys = List.of(key(2), key(3), key(4));
        List<TxInput> unsigned = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            unsigned.add(new TxInput(new OutPoint(hash(i), i), keys.get(i).publicKey(), new byte[0]));
        }
        List<TxOutput> outs = List.of(new TxOutput(Amount.parse("1.5"), KeyHash.of(key(5).publicKey())),
                new TxOutput(Amount.parse("0.25"), KeyHash.of(key(2).publicKey())));
        Hash sigHash = new Transaction(Transaction.CURRENT_VERSION, unsigned, outs).sigHash();
        List<TxInput> ins = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            ins.add(unsigned.get(i).withSignature(Ed25519Keys.sign(keys.get(i).privateKey(), sigHash)));
        }
        return new Transaction(Transaction.CURRENT_VERSION, ins, outs);
    }

    static Block block() {
        List<Transaction> txs = List.of(coinbase(7), multiInput());
        Hash merkle = MerkleTree.root(txs.stream().map(Transaction::txid).toList());
        return new Block(new BlockHeader(1, hash(99), merkle, 1_800_000_000L, 0x207fffffL, 12345), txs);
    }
}
