package org.peerchain.mining;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.peerchain.core.BlockHeader;
import org.peerchain.core.Hash;

/**
 * Calls the JDK's own SHA-256 block compression ({@code sun.security.provider.SHA2.implCompress0}, a
 * HotSpot intrinsic that uses the CPU's SHA or AVX2 instructions) directly: two compressions per nonce
 * on the saved midstate, and no allocation. Nonces go through in batches of {@link #LANES}, each lane
 * with its own engine, so that every byte a compression reads was written a whole batch earlier (see
 * {@link #hashLanes}). Needs {@code --add-opens java.base/sun.security.provider=ALL-UNNAMED} (the
 * runnable jar's manifest carries {@code Add-Opens}); {@link #unavailableReason()} says why it cannot run
 * otherwise.
 */
final class IntrinsicSha256dHasher implements HeaderHasher {
    static final String OPEN_PACKAGE_OPTION = "--add-opens java.base/sun.security.provider=ALL-UNNAMED";
    private static final String SHA2_CLASS = "sun.security.provider.SHA2";
    private static final String SHA256_CLASS = "sun.security.provider.SHA2$SHA256";
    private static final String COMPRESS_METHOD = "implCompress0";
    private static final String STATE_FIELD = "state";
    private static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final int BLOCK = 64;
    private static final int PAD_START = 0x80;
    private static final int STATE_WORDS = 8;
    private static final int TAIL = BlockHeader.SIZE - BLOCK;
    private static final int TAIL_TIME = BlockHeader.TIME_OFFSET - BLOCK;
    private static final int TAIL_NONCE = BlockHeader.NONCE_OFFSET - BLOCK;
    /**
     * Nonces hashed side by side. Enough that a lane's inputs are written long before its compression
     * reads them and that independent compressions overlap in the core; few enough that the lanes' blocks
     * and states (about 4 KiB) stay in the L1 cache. 32 and 64 measured alike, 8 and 16 slower (MINING.md).
     */
    static final int LANES = 32;

    /** (Object digest, byte[] block, int offset) void: compresses one 64-byte block into the digest's state. */
    private static final MethodHandle COMPRESS;
    /** () Object: a fresh SHA-256 digest engine. */
    private static final MethodHandle NEW_ENGINE;
    /** (Object digest) int[]: the engine's eight-word state array. */
    private static final MethodHandle STATE;
    private static final String UNAVAILABLE_REASON;

    static {
        MethodHandle compress = null;
        MethodHandle newEngine = null;
        MethodHandle state = null;
        String reason = null;
        try {
            Class<?> sha2 = Class.forName(SHA2_CLASS);
            Class<?> sha256 = Class.forName(SHA256_CLASS);
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(sha2, MethodHandles.lookup());
            compress = lookup.findVirtual(sha2, COMPRESS_METHOD, MethodType.methodType(void.class, byte[].class, int.class))
                    .asType(MethodType.methodType(void.class, Object.class, byte[].class, int.class));
            state = lookup.findGetter(sha2, STATE_FIELD, int[].class)
                    .asType(MethodType.methodType(int[].class, Object.class));
            newEngine = lookup.findConstructor(sha256, MethodType.methodType(void.class))
                    .asType(MethodType.methodType(Object.class));
        } catch (IllegalAccessException e) {
            reason = "java.base does not open sun.security.provider to this code (start java with "
                    + OPEN_PACKAGE_OPTION + "): " + e.getMessage();
        } catch (ReflectiveOperationException | RuntimeException e) {
            reason = "this JDK's SHA-256 engine has a different shape than expected: " + e;
        }
        COMPRESS = compress;
        NEW_ENGINE = newEngine;
        STATE = state;
        if (reason == null) {
            reason = selfTestFailure();
        }
        UNAVAILABLE_REASON = reason;
    }

    /** Lane k's SHA-256 engine and the state array its compression works on. */
    private final Object[] engines = new Object[LANES];
    private final int[][] states = new int[LANES][];
    private final int[] midstate = new int[STATE_WORDS];
    /** Lane k's last block of the first hash at k * 64: header bytes 64..80 with its nonce, and padding. */
    private final byte[] lastBlocks = new byte[LANES * BLOCK];
    /** Lane k's only block of the second hash at k * 64: its first digest and padding for 32 bytes. */
    private final byte[] secondBlocks = new byte[LANES * BLOCK];

    IntrinsicSha256dHasher() {
        // During class initialisation (the self-test) the reason is still null and the handles are set.
        if (UNAVAILABLE_REASON != null) {
            throw new IllegalStateException("the intrinsic SHA-256 path is unavailable: " + UNAVAILABLE_REASON);
        }
        try {
            for (int k = 0; k < LANES; k++) {
                engines[k] = NEW_ENGINE.invokeExact();
                states[k] = (int[]) STATE.invokeExact(engines[k]);
            }
        } catch (Throwable t) {
            throw new IllegalStateException("cannot create a SHA-256 engine: " + t, t);
        }
        for (int at = 0; at < LANES * BLOCK; at += BLOCK) {
            lastBlocks[at + TAIL] = (byte) PAD_START;
            INT_BE.set(lastBlocks, at + BLOCK - 4, BlockHeader.SIZE * 8);
            secondBlocks[at + Hash.LENGTH] = (byte) PAD_START;
            INT_BE.set(secondBlocks, at + BLOCK - 4, Hash.LENGTH * 8);
        }
    }

    /** Null when this path works here; otherwise the reason it does not. */
    static String unavailableReason() {
        return UNAVAILABLE_REASON;
    }

    @Override
    public void load(byte[] header) {
        int[] state = states[0];
        System.arraycopy(PureJavaSha256dHasher.IV, 0, state, 0, STATE_WORDS);
        compress(engines[0], header, 0);
        System.arraycopy(state, 0, midstate, 0, STATE_WORDS);
        for (int at = 0; at < LANES * BLOCK; at += BLOCK) {
            System.arraycopy(header, BLOCK, lastBlocks, at, TAIL);
        }
    }

    @Override
    public void setTime(long time) {
        for (int at = 0; at < LANES * BLOCK; at += BLOCK) {
            BlockHeader.putU32(lastBlocks, at + TAIL_TIME, time);
        }
    }

    @Override
    public long search(long fromNonce, long toNonce, int[] target) {
        int t0 = target[0];
        for (long first = fromNonce; first < toNonce; first += LANES) {
            int lanes = (int) Math.min(LANES, toNonce - first);
            hashLanes(first, lanes);
            for (int k = 0; k < lanes; k++) {
                int[] hash = states[k];
                // The first word decides all but one time in 2^32: test it before the full compare.
                if (Integer.compareUnsigned(hash[0], t0) <= 0 && TargetWords.meets(hash, target)) {
                    return first + k;
                }
            }
        }
        return -1;
    }

    @Override
    public void hash(long nonce, byte[] out) {
        hashLanes(nonce, 1);
        int[] hash = states[0];
        for (int i = 0; i < STATE_WORDS; i++) {
            INT_BE.set(out, i * 4, hash[i]);
        }
    }

    /**
     * Leaves the double hash of nonce {@code first + k} in {@code states[k]}, for k below {@code lanes}.
     * Each step runs over all lanes before the next begins. A compression reads its block and state with
     * 16-byte loads; had the nonce, the midstate or the first digest just been written with narrower
     * stores, each load would wait for those stores to reach the cache, and the two compressions of one
     * nonce would run strictly one after the other. Written a batch earlier, the loads find them in the
     * cache, and the compressions of different lanes, independent of each other, overlap in the core.
     */
    private void hashLanes(long first, int lanes) {
        for (int k = 0; k < lanes; k++) {
            INT_BE.set(lastBlocks, k * BLOCK + TAIL_NONCE, (int) (first + k));
            System.arraycopy(midstate, 0, states[k], 0, STATE_WORDS);
        }
        for (int k = 0; k < lanes; k++) {
            compress(engines[k], lastBlocks, k * BLOCK);
        }
        for (int k = 0; k < lanes; k++) {
            int[] state = states[k];
            int at = k * BLOCK;
            for (int i = 0; i < STATE_WORDS; i++) {
                INT_BE.set(secondBlocks, at + i * 4, state[i]);
            }
            System.arraycopy(PureJavaSha256dHasher.IV, 0, state, 0, STATE_WORDS);
        }
        for (int k = 0; k < lanes; k++) {
            compress(engines[k], secondBlocks, k * BLOCK);
        }
    }

    private static void compress(Object engine, byte[] block, int offset) {
        try {
            COMPRESS.invokeExact(engine, block, offset);
        } catch (Throwable t) {
            throw new IllegalStateException("the JDK's SHA-256 compression failed: " + t, t);
        }
    }

    /** Hashes a fixed header in every lane with this path and with MessageDigest; a difference disables the path. */
    private static String selfTestFailure() {
        try {
            byte[] header = new byte[BlockHeader.SIZE];
            for (int i = 0; i < header.length; i++) {
                header[i] = (byte) (i * 37 + 11);
            }
            IntrinsicSha256dHasher hasher = new IntrinsicSha256dHasher();
            hasher.load(header);
            long first = 0x1234_5678L;
            hasher.hashLanes(first, LANES);
            byte[] fast = new byte[Hash.LENGTH];
            for (int k = 0; k < LANES; k++) {
                for (int i = 0; i < STATE_WORDS; i++) {
                    INT_BE.set(fast, i * 4, hasher.states[k][i]);
                }
                BlockHeader.putU32(header, BlockHeader.NONCE_OFFSET, first + k);
                if (!Arrays.equals(fast, Hash.sha256d(header).toBytes())) {
                    return "its result differs from MessageDigest's on a test header in lane " + k;
                }
            }
            return null;
        } catch (RuntimeException e) {
            return "its self-test failed: " + e;
        }
    }

    @Override
    public String path() {
        return "jdk-intrinsic";
    }
}
