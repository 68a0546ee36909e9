package org.peerchain.mining;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** SHA-256 written in plain Java, with the midstate kept as eight ints: portable, no CPU SHA instructions. */
final class PureJavaSha256dHasher implements HeaderHasher {
    static final int[] IV = {
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19
    };
    private static final int[] K = {
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
    };
    private static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    /** Padding words: a 1 bit after the message, then its length in bits (80 and 32 bytes). */
    private static final int PAD_START = 0x8000_0000;
    private static final int HEADER_BITS = 80 * 8;
    private static final int DIGEST_BITS = 32 * 8;

    private final int[] midstate = new int[8];
    private final int[] w = new int[64];
    private final int[] first = new int[8];
    private final int[] second = new int[8];
    private int merkleTail;
    private int time;
    private int bits;

    @Override
    public void load(byte[] header) {
        for (int i = 0; i < 16; i++) {
            w[i] = (int) INT_BE.get(header, i * 4);
        }
        compress(IV, w, midstate);
        merkleTail = (int) INT_BE.get(header, 64);
        time = (int) INT_BE.get(header, 68);
        bits = (int) INT_BE.get(header, 72);
    }

    @Override
    public void setTime(long newTime) {
        time = (int) newTime;
    }

    @Override
    public long search(long fromNonce, long toNonce, int[] target) {
        for (long n = fromNonce; n < toNonce; n++) {
            sha256d((int) n);
            if (TargetWords.meets(second, target)) {
                return n;
            }
        }
        return -1;
    }

    @Override
    public void hash(long nonce, byte[] out) {
        sha256d((int) nonce);
        for (int i = 0; i < 8; i++) {
            INT_BE.set(out, i * 4, second[i]);
        }
    }

    private void sha256d(int nonce) {
        int[] w = this.w;
        w[0] = merkleTail;
        w[1] = time;
        w[2] = bits;
        w[3] = nonce;
        w[4] = PAD_START;
        for (int i = 5; i < 15; i++) {
            w[i] = 0;
        }
        w[15] = HEADER_BITS;
        compress(midstate, w, first);
        System.arraycopy(first, 0, w, 0, 8);
        w[8] = PAD_START;
        for (int i = 9; i < 15; i++) {
            w[i] = 0;
        }
        w[15] = DIGEST_BITS;
        compress(IV, w, second);
    }

    /** One SHA-256 compression of the 16 words in w[0..16) on top of {@code in}, into {@code out}. */
    private static void compress(int[] in, int[] w, int[] out) {
        for (int t = 16; t < 64; t++) {
            int x = w[t - 15];
            int y = w[t - 2];
            int s0 = Integer.rotateRight(x, 7) ^ Integer.rotateRight(x, 18) ^ (x >>> 3);
            int s1 = Integer.rotateRight(y, 17) ^ Integer.rotateRight(y, 19) ^ (y >>> 10);
            w[t] = w[t - 16] + s0 + w[t - 7] + s1;
        }
        int a = in[0];
        int b = in[1];
        int c = in[2];
        int d = in[3];
        int e = in[4];
        int f = in[5];
        int g = in[6];
        int h = in[7];
        for (int t = 0; t < 64; t++) {
            int t1 = h + (Integer.rotateRight(e, 6) ^ Integer.rotateRight(e, 11) ^ Integer.rotateRight(e, 25))
                    + ((e & f) ^ (~e & g)) + K[t] + w[t];
            int t2 = (Integer.rotateRight(a, 2) ^ Integer.rotateRight(a, 13) ^ Integer.rotateRight(a, 22))
                    + ((a & b) ^ (a & c) ^ (b & c));
            h = g;
            g = f;
            f = e;
            e = d + t1;
            d = c;
            c = b;
            b = a;
            a = t1 + t2;
        }
        out[0] = in[0] + a;
        out[1] = in[1] + b;
        out[2] = in[2] + c;
        out[3] = in[3] + d;
        out[4] = in[4] + e;
        out[5] = in[5] + f;
        out[6] = in[6] + g;
        out[7] = in[7] + h;
    }

    @Override
    public String path() {
        return "pure-java";
    }
}
