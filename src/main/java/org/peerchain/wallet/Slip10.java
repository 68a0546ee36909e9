package org.peerchain.wallet;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.security.auth.Destroyable;

/**
 * SLIP-0010 key derivation for Ed25519: the master node is HMAC-SHA512 keyed with "ed25519 seed" over the
 * seed, and every child is hardened (Ed25519 has no public derivation), HMAC-SHA512 keyed with the parent's
 * chain code over {@code 0x00 || key || index}.
 */
public final class Slip10 {
    public static final int HARDENED = 0x8000_0000;
    static final byte[] ED25519_CURVE_KEY = "ed25519 seed".getBytes(StandardCharsets.US_ASCII);
    static final int KEY_BYTES = 32;
    static final int MIN_SEED_BYTES = 16;
    static final int MAX_SEED_BYTES = 64;
    private static final String HMAC = "HmacSHA512";

    private Slip10() {
    }

    /** A node of the tree: a 32-byte private key and a 32-byte chain code, wiped by {@link #destroy()}. */
    public static final class Node implements Destroyable {
        private final byte[] key;
        private final byte[] chainCode;
        private volatile boolean destroyed;

        private Node(byte[] i) {
            this.key = Arrays.copyOfRange(i, 0, KEY_BYTES);
            this.chainCode = Arrays.copyOfRange(i, KEY_BYTES, 2 * KEY_BYTES);
            Arrays.fill(i, (byte) 0);
        }

        /** The Ed25519 private key (the RFC 8032 seed) of this node; a copy to wipe when done. */
        public byte[] privateKey() {
            checkNotDestroyed();
            return key.clone();
        }

        public byte[] chainCode() {
            checkNotDestroyed();
            return chainCode.clone();
        }

        /** The hardened child {@code index'} ({@code index} below 2^31; the hardened bit is added here). */
        public Node deriveHardened(int index) {
            checkNotDestroyed();
            if (index < 0) {
                throw new IllegalArgumentException("child index " + index + " is out of range: it is below 2^31 and "
                        + "made hardened here");
            }
            byte[] data = new byte[1 + KEY_BYTES + 4];
            System.arraycopy(key, 0, data, 1, KEY_BYTES);
            int i = index | HARDENED;
            data[1 + KEY_BYTES] = (byte) (i >>> 24);
            data[2 + KEY_BYTES] = (byte) (i >>> 16);
            data[3 + KEY_BYTES] = (byte) (i >>> 8);
            data[4 + KEY_BYTES] = (byte) i;
            byte[] out = hmacSha512(chainCode, data);
            Arrays.fill(data, (byte) 0);
            return new Node(out);
        }

        /** Follows a path of hardened indices from this node. */
        public Node derivePath(int... indices) {
            Node n = this;
            for (int index : indices) {
                Node child = n.deriveHardened(index);
                if (n != this) {
                    n.destroy();
                }
                n = child;
            }
            return n == this ? new Node(concat(key, chainCode)) : n;
        }

        @Override
        public void destroy() {
            Arrays.fill(key, (byte) 0);
            Arrays.fill(chainCode, (byte) 0);
            destroyed = true;
        }

        @Override
        public boolean isDestroyed() {
            return destroyed;
        }

        @Override
        public String toString() {
            return "Slip10.Node[hidden]";
        }

        private void checkNotDestroyed() {
            if (destroyed) {
                throw new WalletLockedException();
            }
        }
    }

    /** The master node of {@code seed} (16 to 64 bytes). */
    public static Node master(byte[] seed) {
        if (seed.length < MIN_SEED_BYTES || seed.length > MAX_SEED_BYTES) {
            throw new IllegalArgumentException("a SLIP-0010 seed is " + MIN_SEED_BYTES + " to " + MAX_SEED_BYTES
                    + " bytes, got " + seed.length);
        }
        return new Node(hmacSha512(ED25519_CURVE_KEY, seed));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] hmacSha512(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime lacks " + HMAC, e);
        }
    }
}
