package org.peerchain.ui.settings;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the settings file off the FX thread. The window saves at every change (a screen opened, the window moved),
 * and a file written and renamed on the FX thread stalled it for tens of milliseconds on a busy disk. Saves that come
 * faster than the disk are folded into one: only the newest settings are written. {@link #flush()} waits for the
 * last write, for the window's close.
 */
public final class SettingsWriter {
    private static final Logger log = LoggerFactory.getLogger(SettingsWriter.class);
    /** The longest {@link #flush()} waits for the disk before giving up on the last change. */
    private static final long FLUSH_SECONDS = 5;

    private final SettingsFile file;
    private final AtomicReference<AppSettings> pending = new AtomicReference<>();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "settings-writer");
        t.setDaemon(true);
        return t;
    });

    public SettingsWriter(SettingsFile file) {
        this.file = file;
    }

    public SettingsFile file() {
        return file;
    }

    /** Writes {@code settings} soon, on the writer's thread; returns at once. */
    public void save(AppSettings settings) {
        if (pending.getAndSet(settings) == null) {
            thread.execute(this::writePending);
        }
    }

    private void writePending() {
        AppSettings s = pending.getAndSet(null);
        if (s == null) {
            return;
        }
        try {
            file.save(s);
        } catch (IOException e) {
            log.warn("Cannot write the settings file {}: {}", file.path(), e.getMessage());
        }
    }

    /** Waits until every save so far is on disk (at most a few seconds). */
    public void flush() {
        try {
            thread.submit(() -> { }).get(FLUSH_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("The settings file {} may miss the last change: {}", file.path(), e.toString());
        }
    }
}
