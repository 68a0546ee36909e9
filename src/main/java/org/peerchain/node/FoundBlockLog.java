package org.peerchain.node;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.peerchain.core.Block;
import org.peerchain.core.CanonicalReader;
import org.peerchain.core.DecodingException;
import org.peerchain.core.Hash;
import org.peerchain.wallet.AtomicFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The blocks this node's miner found, newest first, kept in {@value #FILE_NAME} in the data directory so that the
 * list survives a restart. Only what the chain cannot tell later is kept: the hash, height, time, reward, and
 * whether the block was ever on the active chain (which tells a stale block from one reorganised away). The file
 * is rewritten atomically on a writer thread of its own, bursts of found blocks coalesced into one write, so the
 * mining thread that found a block never waits on the disk. A damaged file is moved aside, named in the log, and
 * replaced by an empty list.
 */
final class FoundBlockLog implements AutoCloseable {
    static final String FILE_NAME = "found-blocks.json";
    /** Where a damaged file is moved, beside the new one, for whoever wants to look at it. */
    static final String DAMAGED_SUFFIX = ".damaged";
    /** The newest this many blocks are kept; older ones fall off the end. */
    static final int MAX_BLOCKS = 1_000;
    private static final int FORMAT_VERSION = 1;
    private static final long CLOSE_WAIT_SECONDS = 5;
    private static final String WRITER_THREAD = "found-blocks-writer";
    /** The file is rewritten at most this often while blocks keep coming (a regtest miner: many a second). */
    static final long MIN_WRITE_GAP_MILLIS = 1_000;
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();
    private static final Logger log = LoggerFactory.getLogger(FoundBlockLog.class);

    /**
     * One found block.
     *
     * @param time when it was found, seconds since 1970
     * @param reward what its coinbase pays, in base units
     * @param wasActive it was on the active chain at some moment (false: stale from the start)
     */
    record Entry(Hash hash, int height, long time, long reward, boolean wasActive) {
        Entry activated() {
            return new Entry(hash, height, time, reward, true);
        }
    }

    /**
     * The file's shape: plain fields, so that a person can read it. {@code totalFound} counts every block ever found,
     * those fallen off the list too (absent in files written before it was kept: the list's length then).
     */
    private record StoredFile(int version, List<StoredEntry> blocks, Long totalFound) {
    }

    /** What the file held. */
    private record Loaded(List<Entry> entries, long totalFound) {
    }

    private record StoredEntry(String hash, int height, long time, long reward, boolean wasActive) {
    }

    private final Path file;
    private final List<Entry> entries = new ArrayList<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean dirty = new AtomicBoolean();
    private final ScheduledExecutorService writer;
    private volatile long lastWriteNanos;
    private volatile boolean lastWriteFailed;
    private long totalFound;

    private FoundBlockLog(Path file, Loaded loaded) {
        this.file = file;
        this.entries.addAll(loaded.entries());
        this.totalFound = loaded.totalFound();
        this.writer = file == null ? null : Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, WRITER_THREAD);
            t.setDaemon(true);
            return t;
        });
    }

    /** The log kept in {@code dataDir}; a missing file is an empty list, a damaged one is moved aside and replaced. */
    static FoundBlockLog open(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        Loaded loaded;
        try {
            loaded = read(file);
        } catch (NoSuchFileException e) {
            loaded = new Loaded(List.of(), 0);
        } catch (IOException | RuntimeException e) {
            Path aside = file.resolveSibling(FILE_NAME + DAMAGED_SUFFIX);
            log.warn("{} is damaged ({}): it is moved to {} and the list of found blocks starts empty", file,
                    e.getMessage(), aside.getFileName());
            try {
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException moveFailed) {
                log.warn("{} could not be moved aside ({}): it will be overwritten", file, moveFailed.getMessage());
            }
            FoundBlockLog fresh = new FoundBlockLog(file, new Loaded(List.of(), 0));
            fresh.changed();
            return fresh;
        }
        return new FoundBlockLog(file, loaded);
    }

    /** A log kept in memory only (a miner made outside a node, in tests). */
    static FoundBlockLog inMemory() {
        return new FoundBlockLog(null, new Loaded(List.of(), 0));
    }

    private static Loaded read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        StoredFile stored;
        try {
            stored = GSON.fromJson(text, StoredFile.class);
        } catch (JsonParseException e) {
            throw new IOException("it is not valid JSON: " + e.getMessage(), e);
        }
        if (stored == null || stored.blocks() == null) {
            throw new IOException("it holds no list of blocks");
        }
        if (stored.version() != FORMAT_VERSION) {
            throw new IOException("its format version is " + stored.version() + ", this node reads " + FORMAT_VERSION);
        }
        List<Entry> out = new ArrayList<>();
        for (StoredEntry s : stored.blocks()) {
            if (s == null || s.hash() == null) {
                throw new IOException("an entry has no block hash");
            }
            Hash hash;
            try {
                hash = Hash.fromHex(s.hash());
            } catch (IllegalArgumentException e) {
                throw new IOException("an entry's hash " + s.hash() + " is not 64 hex digits", e);
            }
            if (s.height() < 0 || s.reward() < 0) {
                throw new IOException("the entry of block " + s.hash() + " has a negative height or reward");
            }
            out.add(new Entry(hash, s.height(), s.time(), s.reward(), s.wasActive()));
        }
        if (stored.totalFound() != null && stored.totalFound() < 0) {
            throw new IOException("its count of blocks found is negative: " + stored.totalFound());
        }
        long total = Math.max(out.size(), stored.totalFound() == null ? 0 : stored.totalFound());
        return new Loaded(out.size() > MAX_BLOCKS ? out.subList(0, MAX_BLOCKS) : out, total);
    }

    /** The height a valid block's coinbase carries (a consensus rule: it begins with the block's height). */
    static int heightOf(Block block) {
        byte[] data = block.transactions().get(0).inputs().get(0).coinbaseData();
        try {
            return (int) new CanonicalReader(data).u32("coinbase height");
        } catch (DecodingException e) {
            throw new IllegalArgumentException("block " + block.hash() + " has no height in its coinbase", e);
        }
    }

    /** Calls {@code listener} (on the thread of the change) after every change to the list; the handle removes it. */
    AutoCloseable onChange(Runnable listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /**
     * Records a block the miner found and the chain took: {@code active} when it became the tip, false when it was
     * valid but another block had reached the tip first (stale). A block already recorded is not added again.
     */
    void found(Block block, long timeSeconds, boolean active) {
        Entry e = new Entry(block.hash(), heightOf(block), timeSeconds, block.transactions().get(0).totalOutput(), active);
        synchronized (entries) {
            for (Entry known : entries) {
                if (known.hash().equals(e.hash())) {
                    return;
                }
            }
            entries.add(0, e);
            totalFound++;
            while (entries.size() > MAX_BLOCKS) {
                entries.remove(entries.size() - 1);
            }
        }
        changed();
    }

    /** Marks the blocks of {@code hashes} as having been on the active chain; true when any was not yet marked. */
    boolean markActive(List<Hash> hashes) {
        boolean any = false;
        synchronized (entries) {
            for (int i = 0; i < entries.size(); i++) {
                Entry e = entries.get(i);
                if (!e.wasActive() && hashes.contains(e.hash())) {
                    entries.set(i, e.activated());
                    any = true;
                }
            }
        }
        if (any) {
            changed();
        }
        return any;
    }

    /** Every block found since the file began, those fallen off the list included. */
    long totalFound() {
        synchronized (entries) {
            return totalFound;
        }
    }

    /** The recorded blocks, newest first. */
    List<Entry> entries() {
        synchronized (entries) {
            return List.copyOf(entries);
        }
    }

    private void changed() {
        if (writer != null && dirty.compareAndSet(false, true)) {
            try {
                long sinceLast = (System.nanoTime() - lastWriteNanos) / 1_000_000;
                writer.schedule(this::write, Math.max(0, MIN_WRITE_GAP_MILLIS - sinceLast), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // Closing: close() writes what is still dirty once the writer has ended.
            }
        }
        for (Runnable l : listeners) {
            try {
                l.run();
            } catch (RuntimeException e) {
                log.warn("a listener of the found blocks failed", e);
            }
        }
    }

    private void write() {
        dirty.set(false);
        lastWriteNanos = System.nanoTime();
        List<StoredEntry> stored = new ArrayList<>();
        long total;
        synchronized (entries) {
            for (Entry e : entries) {
                stored.add(new StoredEntry(e.hash().toHex(), e.height(), e.time(), e.reward(), e.wasActive()));
            }
            total = totalFound;
        }
        byte[] json = GSON.toJson(new StoredFile(FORMAT_VERSION, stored, total)).getBytes(StandardCharsets.UTF_8);
        try {
            AtomicFile.writeAtomically(file, json);
            lastWriteFailed = false;
        } catch (IOException e) {
            // The list is still whole in memory; the next change or the close tries again.
            lastWriteFailed = true;
            log.warn("cannot write {}: {}", file, e.getMessage());
        }
    }

    /** Ends the writer thread, writing what has not been written yet. */
    @Override
    public void close() {
        if (writer == null) {
            return;
        }
        writer.shutdown();
        try {
            writer.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (dirty.get() || lastWriteFailed) {
            write();
        }
    }
}
