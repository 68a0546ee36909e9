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
 * HotSpot intrinsic that uses the CPU's SHA or AVX2 instructions) directly, loading the saved midstate
 * into the digest's {@code state} array before each nonce: two compressions per nonce and no allocation.
 * Needs {@code --add-opens java.base/sun.security.provider=ALL-UNNAMED} (the runnable jar's manifest
 * carries {@code Add-Opens}); {@link #unavailableReason()} says why it cannot run otherwise.
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

    private final Object engine;
    private final int[] state;
    private final int[] midstate = new int[8];
    /** The first hash's last block: header bytes 64..80 and padding for an 80-byte message. */
    private final byte[] lastBlock = new byte[BLOCK];
    /** The second hash's only block: the first digest and padding for a 32-byte message. */
    private final byte[] secondBlock = new byte[BLOCK];

    IntrinsicSha256dHasher() {
        // During class initialisation (the self-test) the reason is still null and the handles are set.
        if (UNAVAILABLE_REASON != null) {
            throw new IllegalStateException("the intrinsic SHA-256 path is unavailable: " + UNAVAILABLE_REASON);
        }
        try {
            engine = NEW_ENGINE.invokeExact();
            state = (int[]) STATE.invokeExact(engine);
        } catch (Throwable t) {
            throw new IllegalStateException("cannot create a SHA-256 engine: " + t, t);
        }
        lastBlock[BlockHeader.SIZE - 64] = (byte) PAD_START;
        INT_BE.set(lastBlock, BLOCK - 4, BlockHeader.SIZE * 8);
        secondBlock[Hash.LENGTH] = (byte) PAD_START;
        INT_BE.set(secondBlock, BLOCK - 4, Hash.LENGTH * 8);
    }

    /** Null when this path works here; otherwise the reason it does not. */
    static String unavailableReason() {
        return UNAVAILABLE_REASON;
    }

    @Override
    public void load(byte[] header) {
        System.arraycopy(PureJavaSha256dHasher.IV, 0, state, 0, 8);
        compress(header, 0);
        System.arraycopy(state, 0, midstate, 0, 8);
        System.arraycopy(header, 64, lastBlock, 0, BlockHeader.SIZE - 64);
    }

    @Override
    public void setTime(long time) {
        BlockHeader.putU32(lastBlock, BlockHeader.TIME_OFFSET - 64, time);
    }

    @Override
    public long search(long fromNonce, long toNonce, int[] target) {
        int t0 = target[0];
        for (long n = fromNonce; n < toNonce; n++) {
            sha256d((int) n);
            // The first word decides all but one time in 2^32: test it before the full compare.
            if (Integer.compareUnsigned(state[0], t0) <= 0 && CompactTarget.meets(state, target)) {
                return n;
            }
        }
        return -1;
    }

    @Override
    public void hash(long nonce, byte[] out) {
        sha256d((int) nonce);
        for (int i = 0; i < 8; i++) {
            INT_BE.set(out, i * 4, state[i]);
        }
    }

    /** Leaves the double hash in {@code state}. */
    private void sha256d(int nonce) {
        int[] s = state;
        INT_BE.set(lastBlock, BlockHeader.NONCE_OFFSET - 64, nonce);
        System.arraycopy(midstate, 0, s, 0, 8);
        compress(lastBlock, 0);
        for (int i = 0; i < 8; i++) {
            INT_BE.set(secondBlock, i * 4, s[i]);
        }
        System.arraycopy(PureJavaSha256dHasher.IV, 0, s, 0, 8);
        compress(secondBlock, 0);
    }

    private void compress(byte[] block, int offset) {
        try {
            COMPRESS.invokeExact(engine, block, offset);
        } catch (Throwable t) {
            throw new IllegalStateException("the JDK's SHA-256 compression failed: " + t, t);
        }
    }

    /** Hashes a fixed header with this path and with MessageDigest; a difference disables the path. */
    private static String selfTestFailure() {
        try {
            byte[] header = new byte[BlockHeader.SIZE];
            for (int i = 0; i < header.length; i++) {
                header[i] = (byte) (i * 37 + 11);
            }
            IntrinsicSha256dHasher hasher = new IntrinsicSha256dHasher();
            hasher.load(header);
            long nonce = 0x1234_5678L;
            byte[] fast = new byte[Hash.LENGTH];
            hasher.hash(nonce, fast);
            BlockHeader.putU32(header, BlockHeader.NONCE_OFFSET, nonce);
            byte[] naive = Hash.sha256d(header).toBytes();
            return Arrays.equals(fast, naive) ? null
                    : "its result differs from MessageDigest's on a test header";
        } catch (RuntimeException e) {
            return "its self-test failed: " + e;
        }
    }

    @Override
    public String path() {
        return "jdk-intrinsic";
    }
}
