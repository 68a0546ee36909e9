package org.peerchain.core;

import java.util.ArrayList;
import java.util.List;

/** A header and its transactions, the first of which is the coinbase. */
public final class Block {
    /** Decoding cap, above every network's block size limit. */
    public static final int MAX_ENCODED_SIZE = 4_000_000;

    private final BlockHeader header;
    private final List<Transaction> transactions;
    private volatile byte[] encoded;

    public Block(BlockHeader header, List<Transaction> transactions) {
        this.header = header;
        this.transactions = List.copyOf(transactions);
    }

    public BlockHeader header() {
        return header;
    }

    public Hash hash() {
        return header.hash();
    }

    public List<Transaction> transactions() {
        return transactions;
    }

    public Block withHeader(BlockHeader newHeader) {
        return new Block(newHeader, transactions);
    }

    public int size() {
        return encoded().length;
    }

    public byte[] serialize() {
        return encoded().clone();
    }

    private byte[] encoded() {
        byte[] e = encoded;
        if (e == null) {
            int guess = BlockHeader.SIZE + 9;
            for (Transaction t : transactions) {
                guess += t.size();
            }
            CanonicalWriter w = new CanonicalWriter(guess);
            w.raw(header.serialize());
            w.compactSize(transactions.size());
            for (Transaction t : transactions) {
                t.writeTo(w);
            }
            e = w.toByteArray();
            encoded = e;
        }
        return e;
    }

    public static Block deserialize(byte[] bytes) {
        if (bytes.length > MAX_ENCODED_SIZE) {
            throw new DecodingException("block: " + bytes.length + " bytes is over the limit of " + MAX_ENCODED_SIZE);
        }
        CanonicalReader r = new CanonicalReader(bytes);
        BlockHeader header = BlockHeader.read(r);
        // A transaction takes at least 6 bytes (version and two empty counts): bound the count by what is left.
        int n = (int) r.compactSize("block transaction count", r.remaining() / 6);
        List<Transaction> txs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            txs.add(Transaction.read(r));
        }
        r.expectEnd("block");
        return new Block(header, txs);
    }

    /** The merkle root of these transactions' txids. */
    public Hash computeMerkleRoot() {
        return MerkleTree.root(transactions.stream().map(Transaction::txid).toList());
    }

    @Override
    public String toString() {
        return "Block " + hash() + " (" + transactions.size() + " txs)";
    }
}
