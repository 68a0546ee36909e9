package org.peerchain.mining;

import java.security.MessageDigest;
import org.peerchain.core.BlockHeader;
import org.peerchain.core.Hash;

/**
 * The portable fast path: a {@link MessageDigest} that absorbed the first 64 bytes is cloned for each
 * nonce. It uses the JDK's intrinsic compression but allocates one digest per nonce.
 */
final class ClonedDigestHasher implements HeaderHasher {
    private static final int TAIL = BlockHeader.SIZE - 64;
    private static final int TAIL_TIME = BlockHeader.TIME_OFFSET - 64;
    private static final int TAIL_NONCE = BlockHeader.NONCE_OFFSET - 64;

    private final MessageDigest prefix = Hash.sha256();
    private final MessageDigest second = Hash.sha256();
    private final byte[] tail = new byte[TAIL];
    private final byte[] digest = new byte[Hash.LENGTH];

    @Override
    public void load(byte[] header) {
        prefix.reset();
        prefix.update(header, 0, 64);
        System.arraycopy(header, 64, tail, 0, TAIL);
    }

    @Override
    public void setTime(long time) {
        BlockHeader.putU32(tail, TAIL_TIME, time);
    }

    @Override
    public long search(long fromNonce, long toNonce, int[] target) {
        for (long n = fromNonce; n < toNonce; n++) {
            sha256d(n);
            if (meets(digest, target)) {
                return n;
            }
        }
        return -1;
    }

    @Override
    public void hash(long nonce, byte[] out) {
        sha256d(nonce);
        System.arraycopy(digest, 0, out, 0, Hash.LENGTH);
    }

    private void sha256d(long nonce) {
        BlockHeader.putU32(tail, TAIL_NONCE, nonce);
        try {
            MessageDigest d = (MessageDigest) prefix.clone();
            d.update(tail, 0, TAIL);
            d.digest(digest, 0, Hash.LENGTH);
            second.update(digest, 0, Hash.LENGTH);
            second.digest(digest, 0, Hash.LENGTH);
        } catch (CloneNotSupportedException | java.security.DigestException e) {
            throw new IllegalStateException("the JDK's SHA-256 digest cannot be cloned or finished: " + e.getMessage(), e);
        }
    }

    private static boolean meets(byte[] hash, int[] target) {
        for (int i = 0; i < Hash.LENGTH; i++) {
            int t = (target[i >> 2] >>> (24 - 8 * (i & 3))) & 0xFF;
            int h = hash[i] & 0xFF;
            if (h != t) {
                return h < t;
            }
        }
        return true;
    }

    @Override
    public String path() {
        return "cloned-digest";
    }
}
