package org.peerchain.mining;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * Threads that hash as the miner's do (a double SHA-256 of an 80-byte header, the nonce counting up), each at the
 * lowest priority the miner's threads take ({@link LowPriority}), for benchmarks that need the machine's cores as
 * busy as mining makes them without a node. (In the bench source root, in this package for {@link LowPriority}.)
 */
public final class HashLoad implements AutoCloseable {
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    private HashLoad() {
    }

    /** Starts {@code count} hashing threads. */
    public static HashLoad start(int count) {
        HashLoad load = new HashLoad();
        for (int i = 0; i < count; i++) {
            Thread t = new Thread(load::hash, "hash-load-" + (i + 1));
            t.setDaemon(true);
            load.threads.add(t);
            t.start();
        }
        return load;
    }

    private void hash() {
        LowPriority.lowerCurrentThread();
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
        byte[] header = new byte[80];
        int nonce = 0;
        while (running) {
            header[76] = (byte) nonce;
            header[77] = (byte) (nonce >>> 8);
            header[78] = (byte) (nonce >>> 16);
            header[79] = (byte) (nonce >>> 24);
            nonce++;
            sha.update(header);
            byte[] once = sha.digest();
            sha.update(once);
            byte[] twice = sha.digest();
            header[0] ^= twice[0]; // keeps the work from being optimised away
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread t : threads) {
            t.join(5_000);
        }
    }
}
