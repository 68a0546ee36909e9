package org.peerchain.mining;

/**
 * Double SHA-256 of one 80-byte block header over many nonces. The first 64 bytes (version, previous
 * hash, most of the merkle root) are absorbed once when a header is loaded; each nonce then costs only
 * the last block of the first hash and the single block of the second. One instance per thread: it owns
 * preallocated buffers, and {@link #search} allocates nothing.
 */
public interface HeaderHasher {
    /** Loads an 80-byte serialized header; its nonce field is ignored. */
    void load(byte[] header);

    /** Rewrites the loaded header's time; the time lies in the last 16 bytes, so the saved state stays valid. */
    void setTime(long time);

    /**
     * The first nonce in {@code [fromNonce, toNonce)} whose header hash, read as a 256-bit big-endian
     * number, is at or below {@code target} (eight big-endian words, most significant first), or -1.
     */
    long search(long fromNonce, long toNonce, int[] target);

    /** Writes the double SHA-256 of the loaded header with {@code nonce} into {@code out[0..32)}. */
    void hash(long nonce, byte[] out);

    /** Which implementation this is, for logs and benchmark output. */
    String path();
}
