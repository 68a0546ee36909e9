package org.peerchain.core;

import java.util.List;

/**
 * A transaction: inputs that spend earlier outputs, and new outputs. Immutable; its txid is the double
 * SHA-256 of its canonical encoding, and every input signs {@link #sigHash()}, the same encoding with all
 * signatures left empty.
 */
public final class Transaction {
    public static final int CURRENT_VERSION = 1;
    /** Decoding caps: no valid transaction comes near them, so they only bound what a peer can make us read. */
    public static final int MAX_ENCODED_SIZE = 1_000_000;
    public static final int MAX_PUBLIC_KEY_FIELD = 32;
    public static final int MAX_SIGNATURE_FIELD = 100;

    private final int version;
    private final List<TxInput> inputs;
    private final List<TxOutput> outputs;
    private volatile byte[] encoded;
    private volatile Hash txid;

    public Transaction(int version, List<TxInput> inputs, List<TxOutput> outputs) {
        this.version = version;
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
    }

    public int version() {
        return version;
    }

    public List<TxInput> inputs() {
        return inputs;
    }

    public List<TxOutput> outputs() {
        return outputs;
    }

    public boolean isCoinbase() {
        return inputs.size() == 1 && inputs.get(0).prevout().isNull();
    }

    public Hash txid() {
        Hash h = txid;
        if (h == null) {
            h = Hash.sha256d(encoded());
            txid = h;
        }
        return h;
    }

    /** The message every input's signature signs: the transaction with all signatures empty. */
    public Hash sigHash() {
        return Hash.sha256d(encode(false));
    }

    public byte[] serialize() {
        return encoded().clone();
    }

    public int size() {
        return encoded().length;
    }

    public long totalOutput() {
        long sum = 0;
        for (TxOutput o : outputs) {
            sum = Math.addExact(sum, o.amount());
        }
        return sum;
    }

    private byte[] encoded() {
        byte[] e = encoded;
        if (e == null) {
            e = encode(true);
            encoded = e;
        }
        return e;
    }

    void writeTo(CanonicalWriter w) {
        w.raw(encoded());
    }

    private byte[] encode(boolean withSignatures) {
        CanonicalWriter w = new CanonicalWriter(16 + inputs.size() * 140 + outputs.size() * 28);
        w.u32(version & 0xFFFFFFFFL);
        w.compactSize(inputs.size());
        for (TxInput in : inputs) {
            in.writeTo(w, withSignatures);
        }
        w.compactSize(outputs.size());
        for (TxOutput out : outputs) {
            w.i64(out.amount()).raw(out.keyHash().toBytes());
        }
        return w.toByteArray();
    }

    public static Transaction deserialize(byte[] bytes) {
        if (bytes.length > MAX_ENCODED_SIZE) {
            throw new DecodingException("transaction: " + bytes.length + " bytes is over the limit of " + MAX_ENCODED_SIZE);
        }
        CanonicalReader r = new CanonicalReader(bytes);
        Transaction tx = read(r);
        r.expectEnd("transaction");
        return tx;
    }

    static Transaction read(CanonicalReader r) {
        int version = (int) r.u32("tx version");
        // Each input takes at least 38 bytes and each output 28: bound counts by what is left to read.
        int nIn = (int) r.compactSize("tx input count", r.remaining() / 38);
        TxInput[] ins = new TxInput[nIn];
        for (int i = 0; i < nIn; i++) {
            Hash prev = r.hash("input " + i + " txid");
            long index = r.u32("input " + i + " index");
            byte[] key = r.bytes("input " + i + " public key", MAX_PUBLIC_KEY_FIELD);
            byte[] sig = r.bytes("input " + i + " signature", MAX_SIGNATURE_FIELD);
            ins[i] = new TxInput(new OutPoint(prev, index), key, sig);
        }
        int nOut = (int) r.compactSize("tx output count", r.remaining() / 28);
        TxOutput[] outs = new TxOutput[nOut];
        for (int i = 0; i < nOut; i++) {
            long amount = r.i64("output " + i + " amount");
            outs[i] = new TxOutput(amount, KeyHash.wrap(r.raw(KeyHash.LENGTH, "output " + i + " key hash")));
        }
        return new Transaction(version, List.of(ins), List.of(outs));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Transaction t && txid().equals(t.txid());
    }

    @Override
    public int hashCode() {
        return txid().hashCode();
    }

    @Override
    public String toString() {
        return "Transaction " + txid();
    }
}
