package org.peerchain.core;

/**
 * The fixed 80-byte block header: version (4), previous block hash (32), merkle root (32), time (4,
 * seconds since 1970), compact target (4) and nonce (4), all integers big-endian. Its double SHA-256 is
 * the block's hash. The nonce sits in the last 16 bytes, so a miner hashes the first 64 bytes once.
 */
public final class BlockHeader {
    public static final int SIZE = 80;
    public static final int NONCE_OFFSET = 76;
    public static final int TIME_OFFSET = 68;

    private final int version;
    private final Hash prevHash;
    private final Hash merkleRoot;
    private final long time;
    private final long bits;
    private final long nonce;
    private volatile Hash hash;

    public BlockHeader(int version, Hash prevHash, Hash merkleRoot, long time, long bits, long nonce) {
        checkU32(time, "time");
        checkU32(bits, "bits");
        checkU32(nonce, "nonce");
        this.version = version;
        this.prevHash = prevHash;
        this.merkleRoot = merkleRoot;
        this.time = time;
        this.bits = bits;
        this.nonce = nonce;
    }

    private static void checkU32(long v, String field) {
        if (v < 0 || v > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("header " + field + " " + v + " does not fit in 32 bits");
        }
    }

    public int version() {
        return version;
    }

    public Hash prevHash() {
        return prevHash;
    }

    public Hash merkleRoot() {
        return merkleRoot;
    }

    public long time() {
        return time;
    }

    public long bits() {
        return bits;
    }

    public long nonce() {
        return nonce;
    }

    public Hash hash() {
        Hash h = hash;
        if (h == null) {
            h = Hash.sha256d(serialize());
            hash = h;
        }
        return h;
    }

    public BlockHeader withNonce(long newNonce) {
        return new BlockHeader(version, prevHash, merkleRoot, time, bits, newNonce);
    }

    public BlockHeader withTime(long newTime) {
        return new BlockHeader(version, prevHash, merkleRoot, newTime, bits, nonce);
    }

    public byte[] serialize() {
        byte[] out = new byte[SIZE];
        writeTo(out);
        return out;
    }

    public void writeTo(byte[] out) {
        putU32(out, 0, version & 0xFFFFFFFFL);
        prevHash.copyTo(out, 4);
        merkleRoot.copyTo(out, 36);
        putU32(out, TIME_OFFSET, time);
        putU32(out, 72, bits);
        putU32(out, NONCE_OFFSET, nonce);
    }

    public static void putU32(byte[] out, int offset, long v) {
        out[offset] = (byte) (v >>> 24);
        out[offset + 1] = (byte) (v >>> 16);
        out[offset + 2] = (byte) (v >>> 8);
        out[offset + 3] = (byte) v;
    }

    public static BlockHeader deserialize(byte[] bytes) {
        CanonicalReader r = new CanonicalReader(bytes);
        BlockHeader h = read(r);
        r.expectEnd("block header");
        return h;
    }

    static BlockHeader read(CanonicalReader r) {
        int version = (int) r.u32("header version");
        Hash prev = r.hash("header previous hash");
        Hash merkle = r.hash("header merkle root");
        long time = r.u32("header time");
        long bits = r.u32("header bits");
        long nonce = r.u32("header nonce");
        return new BlockHeader(version, prev, merkle, time, bits, nonce);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BlockHeader h && hash().equals(h.hash());
    }

    @Override
    public int hashCode() {
        return hash().hashCode();
    }

    @Override
    public String toString() {
        return "BlockHeader " + hash();
    }
}
