package org.peerchain.ui.settings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Settings screen's host as the window is to be: settings kept in a real settings file, written at each save;
 * what it was asked to apply is recorded for the tests to read.
 */
final class FileHost implements SettingsScreen.Host {
    final SettingsFile file;
    final List<Boolean> themes = new CopyOnWriteArrayList<>();
    final List<Double> scales = new CopyOnWriteArrayList<>();
    final AtomicInteger firstRuns = new AtomicInteger();
    private volatile AppSettings current;

    FileHost(Path settingsFile) {
        this.file = new SettingsFile(settingsFile);
        this.current = file.load().settings();
    }

    @Override
    public AppSettings current() {
        return current;
    }

    @Override
    public void save(AppSettings next) {
        current = next;
        try {
            file.save(next);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void applyTheme(boolean dark) {
        themes.add(dark);
    }

    @Override
    public void applyScale(double scale) {
        scales.add(scale);
    }

    @Override
    public void createOrRestoreWallet() {
        firstRuns.incrementAndGet();
    }
}
