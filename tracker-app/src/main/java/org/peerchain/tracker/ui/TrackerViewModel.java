package org.peerchain.tracker.ui;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import org.peerchain.p2p.NamedThreadFactory;
import org.peerchain.tracker.PeerKey;
import org.peerchain.tracker.PeerRecord;
import org.peerchain.tracker.PeerState;
import org.peerchain.tracker.RegistryListener;
import org.peerchain.tracker.RemovalReason;
import org.peerchain.tracker.Tracker;
import org.peerchain.tracker.TrackerConfig;
import org.peerchain.ui.fx.FxDispatcher;

/**
 * The admin window's state and commands, with no JavaFX nodes; it keeps numbers (heights, round trips, times),
 * the controller formats them. Registry events arrive on server threads and are only recorded; one update posted
 * to the shared {@link FxDispatcher} under this view-model's key applies them all in one batch. Starting and
 * stopping run on a worker thread, never on the FX thread.
 */
public final class TrackerViewModel {
    /** Lines kept in the log pane. */
    public static final int MAX_LOG_LINES = 1_000;
    /** How often "last seen ... ago" moves on while the tracker runs. */
    static final long CLOCK_TICK_MILLIS = 1_000;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final FxDispatcher dispatcher;
    private final FxDispatcher.Key registryKey = FxDispatcher.key(this, "registry");
    private final FxDispatcher.Key lifecycleKey = FxDispatcher.key(this, "lifecycle");
    private final FxDispatcher.Key clockKey = FxDispatcher.key(this, "clock");
    private final ExecutorService worker = Executors.newSingleThreadExecutor(new NamedThreadFactory("tracker-ui-worker"));
    private final ScheduledExecutorService clockTimer =
            Executors.newSingleThreadScheduledExecutor(new NamedThreadFactory("tracker-ui-clock"));
    private ScheduledFuture<?> ticking;
    private final TrackerConfig baseConfig;
    private final ObservableList<PeerRecord> peers = FXCollections.observableArrayList();
    private final FilteredList<PeerRecord> filtered = new FilteredList<>(peers);
    private final Map<PeerKey, Integer> rowOf = new HashMap<>();
    private final ObservableList<String> log = FXCollections.observableArrayList();
    private final StringProperty filter = new SimpleStringProperty("");
    private final StringProperty port = new SimpleStringProperty();
    private final StringProperty database = new SimpleStringProperty();
    private final StringProperty pingInterval = new SimpleStringProperty();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Stopped");
    private final Map<PeerState, IntegerProperty> counts = new EnumMap<>(PeerState.class);
    private final IntegerProperty total = new SimpleIntegerProperty();
    private final BooleanProperty dark = new SimpleBooleanProperty(false);
    private final ReadOnlyLongWrapper clock = new ReadOnlyLongWrapper(System.currentTimeMillis());

    private final Object lock = new Object();
    private Map<PeerKey, PeerRecord> pendingPeers = new LinkedHashMap<>();
    private List<String> pendingLog = new ArrayList<>();
    private final RegistryListener listener = new RegistryListener() {
        @Override
        public void peerUpdated(PeerRecord peer) {
            record(peer.key(), peer, null);
        }

        @Override
        public void peerRemoved(PeerRecord peer, RemovalReason reason) {
            record(peer.key(), null, null);
        }

        @Override
        public void event(String message) {
            record(null, null, message);
        }
    };
    private volatile Tracker tracker;
    /** Showing a tracker another part of the program runs (a wallet's hosted one): not stopped or closed from here. */
    private final ReadOnlyBooleanWrapper attached = new ReadOnlyBooleanWrapper();

    /**
     * @param config the settings the window opens with (port, database and ping interval stay editable while stopped)
     * @param dispatcher the road to the FX thread ({@code new FxDispatcher(Runnable::run)} or an executor in unit tests)
     */
    public TrackerViewModel(TrackerConfig config, FxDispatcher dispatcher) {
        this.dispatcher = dispatcher;
        this.baseConfig = config;
        port.set(Integer.toString(config.port()));
        database.set(config.database().toString());
        pingInterval.set(Long.toString(Math.max(1, config.pingInterval().toSeconds())));
        for (PeerState s : PeerState.values()) {
            counts.put(s, new SimpleIntegerProperty());
        }
        filter.addListener((o, a, b) -> filtered.setPredicate(matching(b)));
    }

    // --- state for bindings ---

    public FilteredList<PeerRecord> peers() {
        return filtered;
    }

    public ObservableList<String> log() {
        return log;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public StringProperty portProperty() {
        return port;
    }

    public StringProperty databaseProperty() {
        return database;
    }

    public StringProperty pingIntervalProperty() {
        return pingInterval;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public IntegerProperty countProperty(PeerState s) {
        return counts.get(s);
    }

    public IntegerProperty totalProperty() {
        return total;
    }

    public BooleanProperty darkProperty() {
        return dark;
    }

    /** Now, in epoch milliseconds, moved on every {@link #CLOCK_TICK_MILLIS} while the tracker runs ("12 s ago"). */
    public ReadOnlyLongProperty clockProperty() {
        return clock.getReadOnlyProperty();
    }

    /** The running tracker, for tests and the status bar; null when stopped. */
    public Tracker tracker() {
        return tracker;
    }

    /** Whether this window shows a tracker it does not own (a wallet's hosted tracker); Start and Stop do not apply. */
    public ReadOnlyBooleanProperty attachedProperty() {
        return attached.getReadOnlyProperty();
    }

    // --- commands ---

    /**
     * Shows {@code t}, which another part of the program started and will stop (a wallet's hosted tracker): its peer
     * table and log follow it; Kick and Ban act on it; closing the window leaves it running.
     */
    public void attach(Tracker t, String owner) {
        attached.set(true);
        busy.set(true);
        port.set(Integer.toString(t.port()));
        database.set(t.config().database().toString());
        worker.execute(() -> {
            int registered = follow(t);
            record(null, null, "showing the tracker " + owner + " runs on port " + t.port() + ", " + registered
                    + " registered peers");
            showRunning("Run by " + owner + " on port " + t.port() + " - " + t.config().database().toAbsolutePath());
        });
    }

    /** Checks the settings and starts the server on the worker thread; problems go to the status line. */
    public void start() {
        TrackerConfig config;
        try {
            config = configFromSettings();
        } catch (IllegalArgumentException e) {
            status.set(e.getMessage());
            return;
        }
        busy.set(true);
        status.set("Starting on port " + config.port() + "...");
        worker.execute(() -> {
            try {
                Tracker t = Tracker.start(config);
                int registered = follow(t);
                record(null, null, "started on port " + t.port() + " with " + registered + " registered peers");
                showRunning("Serving on port " + t.port() + " - " + config.database().toAbsolutePath());
            } catch (IOException | RuntimeException e) {
                record(null, null, "could not start: " + e.getMessage());
                dispatcher.post(lifecycleKey, () -> {
                    busy.set(false);
                    status.set("Could not start: " + e.getMessage());
                });
            }
        });
    }

    /** Follows {@code t}'s registry from now on (worker thread); returns how many peers it held at that moment. */
    private int follow(Tracker t) {
        tracker = t;
        int[] initialCount = new int[1];
        t.registry().subscribe(listener, initial -> {
            initialCount[0] = initial.size();
            synchronized (lock) {
                initial.forEach(p -> pendingPeers.put(p.key(), p));
            }
        });
        return initialCount[0];
    }

    /** The window shows a running tracker, {@code serving} on its status line, and its clock ticks. */
    private void showRunning(String serving) {
        dispatcher.post(lifecycleKey, () -> {
            running.set(true);
            busy.set(false);
            status.set(serving);
        });
        startClock();
    }

    public void stop() {
        Tracker t = tracker;
        if (t == null || attached.get()) {
            return;
        }
        busy.set(true);
        status.set("Stopping...");
        worker.execute(() -> {
            stopClock();
            t.registry().removeListener(listener);
            t.close();
            tracker = null;
            record(null, null, "stopped");
            dispatcher.post(lifecycleKey, () -> {
                synchronized (lock) {
                    pendingPeers.clear();
                }
                replaceAll(List.of());
                running.set(false);
                busy.set(false);
                status.set("Stopped");
            });
        });
    }

    public void kick(PeerRecord peer) {
        Tracker t = tracker;
        if (t != null) {
            worker.execute(() -> t.kick(peer.key()));
        }
    }

    public void ban(PeerRecord peer) {
        Tracker t = tracker;
        if (t == null) {
            return;
        }
        String address = peer.key().address();
        worker.execute(() -> {
            try {
                t.ban(address, "banned from the admin window (node " + peer.nodeId() + ")");
            } catch (IOException e) {
                record(null, null, "ban failed: " + e.getMessage());
            }
        });
    }

    /**
     * Stops the server (if running) and the worker, from any thread, touching no observable state;
     * waits a little so the registry is flushed. Used when the window closes.
     */
    public void shutdown() {
        Tracker t = tracker;
        tracker = null;
        boolean owned = !attached.get();
        if (t != null) {
            worker.execute(() -> {
                t.registry().removeListener(listener);
                if (owned) {
                    t.close();
                }
            });
        }
        clockTimer.shutdownNow();
        worker.shutdown();
        try {
            worker.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    TrackerConfig configFromSettings() {
        int p = parse(port.get(), "Port", 0, 65_535);
        int seconds = parse(pingInterval.get(), "Ping interval", 1, 86_400);
        String db = database.get() == null ? "" : database.get().trim();
        if (db.isEmpty()) {
            throw new IllegalArgumentException("Database file is empty: choose where the registry is kept");
        }
        return baseConfig.withPort(p).withDatabase(Path.of(db)).withPingInterval(Duration.ofSeconds(seconds));
    }

    private static int parse(String text, String what, int min, int max) {
        try {
            int v = Integer.parseInt(text == null ? "" : text.trim());
            if (v < min || v > max) {
                throw new IllegalArgumentException(what + " must be between " + min + " and " + max + ", not " + v);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a whole number, not '" + text + "'");
        }
    }

    private synchronized void startClock() {
        ticking = clockTimer.scheduleAtFixedRate(() -> {
            long now = System.currentTimeMillis();
            dispatcher.post(clockKey, () -> clock.set(now));
        }, 0, CLOCK_TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    private synchronized void stopClock() {
        if (ticking != null) {
            ticking.cancel(false);
            ticking = null;
        }
    }

    // --- event intake (any thread) and the coalesced apply (FX thread) ---

    private void record(PeerKey key, PeerRecord peer, String logLine) {
        synchronized (lock) {
            if (key != null) {
                pendingPeers.put(key, peer);
            }
            if (logLine != null) {
                pendingLog.add(LocalTime.now().format(TIME) + "  " + logLine);
            }
        }
        dispatcher.post(registryKey, this::drain);
    }

    private void drain() {
        Map<PeerKey, PeerRecord> changes;
        List<String> lines;
        synchronized (lock) {
            changes = pendingPeers;
            lines = pendingLog;
            pendingPeers = new LinkedHashMap<>();
            pendingLog = new ArrayList<>();
        }
        if (tracker != null) {
            apply(changes);
        }
        lines.forEach(this::appendLogLine);
    }

    private void apply(Map<PeerKey, PeerRecord> changes) {
        boolean removals = false;
        List<PeerRecord> added = new ArrayList<>();
        for (Map.Entry<PeerKey, PeerRecord> c : changes.entrySet()) {
            Integer row = rowOf.get(c.getKey());
            PeerRecord now = c.getValue();
            if (now == null) {
                if (row != null) {
                    removals = true;
                }
            } else if (row != null) {
                adjustCount(peers.get(row).state(), -1);
                adjustCount(now.state(), 1);
                peers.set(row, now);
            } else {
                added.add(now);
            }
        }
        if (removals) {
            List<PeerRecord> kept = new ArrayList<>(peers.size());
            for (PeerRecord p : peers) {
                if (!changes.containsKey(p.key()) || changes.get(p.key()) != null) {
                    kept.add(p);
                }
            }
            kept.addAll(added);
            replaceAll(kept);
        } else if (!added.isEmpty()) {
            int row = peers.size();
            for (PeerRecord p : added) {
                rowOf.put(p.key(), row++);
                adjustCount(p.state(), 1);
            }
            peers.addAll(added);
            total.set(peers.size());
        }
    }

    private void replaceAll(List<PeerRecord> list) {
        rowOf.clear();
        counts.values().forEach(c -> c.set(0));
        for (int i = 0; i < list.size(); i++) {
            rowOf.put(list.get(i).key(), i);
            adjustCount(list.get(i).state(), 1);
        }
        peers.setAll(list);
        total.set(list.size());
    }

    private void adjustCount(PeerState s, int delta) {
        IntegerProperty c = counts.get(s);
        c.set(c.get() + delta);
    }

    private void appendLogLine(String line) {
        log.add(line);
        if (log.size() > MAX_LOG_LINES) {
            log.remove(0, log.size() - MAX_LOG_LINES);
        }
    }

    static Predicate<PeerRecord> matching(String text) {
        String f = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (f.isEmpty()) {
            return p -> true;
        }
        return p -> p.key().address().contains(f) || Integer.toString(p.key().port()).contains(f)
                || p.nodeId().contains(f) || p.key().network().contains(f)
                || p.state().name().toLowerCase(Locale.ROOT).contains(f);
    }
}
