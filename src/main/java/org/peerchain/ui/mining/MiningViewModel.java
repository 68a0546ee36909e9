package org.peerchain.ui.mining;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.chart.XYChart;
import org.peerchain.node.api.FoundBlock;
import org.peerchain.node.api.MiningControl;
import org.peerchain.node.api.MiningSnapshot;
import org.peerchain.node.api.NodeEvent;
import org.peerchain.node.api.NodeServices;
import org.peerchain.node.api.PayoutSource;
import org.peerchain.node.api.Subscription;
import org.peerchain.ui.fx.Formats;
import org.peerchain.ui.fx.FxDispatcher;
import org.peerchain.ui.fx.ShownGate;
import org.peerchain.ui.fx.Navigator;

/**
 * The Mining screen's state and commands: the miner's numbers as text, the hash-rate history of the last
 * {@link #CHART_WINDOW} as chart series (total first, then one per thread), the blocks found, and the start, stop,
 * threads and pause-while-syncing commands, which run on the command executor (stopping waits for the mining
 * threads) and report back through the dispatcher.
 */
public final class MiningViewModel {
    /** The hash-rate chart shows this much history. */
    public static final Duration CHART_WINDOW = Duration.ofMinutes(10);
    static final String NOT_AVAILABLE = "–";
    static final String TOTAL_SERIES = "Total";
    static final String NO_BLOCKS_YET = "No blocks found yet. Press Start mining.";

    private final NodeServices node;
    private final FxDispatcher dispatcher;
    private final Navigator navigator;
    private final Executor commands;
    private final List<Subscription> subscriptions = new ArrayList<>();
    /** Lets the node's updates through only while the screen is shown. */
    private final ShownGate shown;

    private final BooleanProperty on = new SimpleBooleanProperty();
    private final BooleanProperty running = new SimpleBooleanProperty();
    private final BooleanProperty pausedForSync = new SimpleBooleanProperty();
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final StringProperty buttonText = new SimpleStringProperty("Start mining");
    private final StringProperty stateText = new SimpleStringProperty("Not mining");
    private final IntegerProperty threads = new SimpleIntegerProperty(1);
    private final IntegerProperty maxThreads = new SimpleIntegerProperty(1);
    private final StringProperty hashRate = new SimpleStringProperty(Formats.hashRate(0));
    private final StringProperty difficulty = new SimpleStringProperty(NOT_AVAILABLE);
    private final StringProperty expectedTime = new SimpleStringProperty(NOT_AVAILABLE);
    private final StringProperty dailyChance = new SimpleStringProperty(NOT_AVAILABLE);
    private final StringProperty foundCount = new SimpleStringProperty("0");
    private final StringProperty lostCount = new SimpleStringProperty("0");
    private final StringProperty payoutAddress = new SimpleStringProperty("");
    private final StringProperty problem = new SimpleStringProperty("");
    /** Where mined coins go, as the node last said; asked with each snapshot. */
    private PayoutSource payoutSource = PayoutSource.WALLET;
    /** The user was asked where the coins go this session and answered. */
    private boolean payoutAnswered;
    private final StringProperty commandError = new SimpleStringProperty("");
    private final BooleanProperty pauseWhileSyncing = new SimpleBooleanProperty();
    private final ObservableList<FoundBlock> foundBlocks = FXCollections.observableArrayList();
    private final ObservableList<FoundBlock> foundBlocksView = FXCollections.unmodifiableObservableList(foundBlocks);
    private final ObservableList<XYChart.Series<Number, Number>> rateSeries = FXCollections.observableArrayList();
    private final LongProperty chartOriginMillis = new SimpleLongProperty(-1);
    private final DoubleProperty chartFrom = new SimpleDoubleProperty(0);
    private final DoubleProperty chartTo = new SimpleDoubleProperty(CHART_WINDOW.toSeconds());

    /** Commands in flight: while any is, snapshots do not overwrite what the user just chose. */
    private int pendingCommands;
    private boolean stopping;

    /**
     * @param commands where start, stop and the settings run: a background thread in the app (never the FX
     *        thread), direct in unit tests
     */
    public MiningViewModel(NodeServices node, FxDispatcher dispatcher, Navigator navigator, Executor commands) {
        this.node = node;
        this.dispatcher = dispatcher;
        this.shown = new ShownGate(dispatcher, this);
        this.navigator = navigator;
        this.commands = commands;
        rateSeries.add(new XYChart.Series<>(TOTAL_SERIES, FXCollections.observableArrayList()));
    }

    private MiningControl mining() {
        return node.mining();
    }

    // ------------------------------------------------------------------ lifecycle

    /** Subscribes to the miner's events and loads the current state (off the FX thread). */
    public void activate() {
        shown.open();
        subscriptions.add(node.subscribe(NodeEvent.Mining.class, e -> {
            PayoutSource source = mining().payoutSource();
            shown.post("snapshot", () -> {
                payoutSource = source;
                applySnapshot(e.snapshot());
            });
        }));
        subscriptions.add(node.subscribe(NodeEvent.FoundBlocks.class,
                e -> shown.post("found", () -> applyFoundBlocks(e.blocks(), e.totalFound()))));
        commands.execute(() -> {
            MiningSnapshot s = mining().snapshot();
            List<FoundBlock> found = mining().foundBlocks();
            long total = mining().foundBlockTotal();
            boolean pause = mining().pauseWhileSyncing();
            PayoutSource source = mining().payoutSource();
            shown.post("load", () -> {
                payoutSource = source;
                pauseWhileSyncing.set(pause);
                applySnapshot(s);
                applyFoundBlocks(found, total);
            });
        });
    }

    /**
     * Drops the subscriptions: a hidden screen does no work. What was already on its way is dropped too (the
     * dispatcher sends in batches): activating again reads the state afresh.
     */
    public void deactivate() {
        shown.close();
        subscriptions.forEach(Subscription::close);
        subscriptions.clear();
    }

    // ------------------------------------------------------------------ updates (FX thread)

    void applySnapshot(MiningSnapshot s) {
        maxThreads.set(s.maxThreads());
        if (pendingCommands == 0) {
            on.set(s.on());
            threads.set(s.threads());
        }
        running.set(s.running());
        pausedForSync.set(s.pausedForSync());
        hashRate.set(Formats.hashRate(s.running() ? s.hashesPerSecond() : 0));
        difficulty.set(s.difficulty() > 0 ? Formats.difficulty(s.difficulty()) : NOT_AVAILABLE);
        expectedTime.set(s.running() && s.hashesPerSecond() > 0 ? Formats.duration(s.expectedSecondsToBlock())
                : NOT_AVAILABLE);
        dailyChance.set(s.running() && s.hashesPerSecond() > 0 ? Formats.chance(s.dailyBlockChance()) : NOT_AVAILABLE);
        payoutAddress.set(s.payoutAddress());
        problem.set(s.problem());
        if (s.running()) {
            stateText.set("Mining on " + s.threads() + (s.threads() == 1 ? " thread" : " threads"));
        } else if (s.pausedForSync()) {
            stateText.set("Waiting for the node to catch up with its peers");
        } else {
            stateText.set("Not mining");
        }
        appendRates(s);
        updateButton();
    }

    private void appendRates(MiningSnapshot s) {
        if (chartOriginMillis.get() < 0) {
            chartOriginMillis.set(s.timeMillis());
        }
        double x = (s.timeMillis() - chartOriginMillis.get()) / 1000.0;
        List<Double> perThread = s.running() ? s.perThreadHashesPerSecond() : List.of();
        append(rateSeries.get(0), x, s.running() ? s.hashesPerSecond() : 0);
        for (int i = 0; i < perThread.size(); i++) {
            if (rateSeries.size() <= i + 1) {
                rateSeries.add(new XYChart.Series<>("Thread " + (i + 1), FXCollections.observableArrayList()));
            }
            append(rateSeries.get(i + 1), x, perThread.get(i));
        }
        double from = x - CHART_WINDOW.toSeconds();
        for (XYChart.Series<Number, Number> series : rateSeries) {
            ObservableList<XYChart.Data<Number, Number>> data = series.getData();
            int old = 0;
            while (old < data.size() && data.get(old).getXValue().doubleValue() < from) {
                old++;
            }
            if (old > 0) {
                data.remove(0, old);
            }
        }
        // A thread series that has aged out entirely (fewer threads now) leaves the chart.
        rateSeries.removeIf(series -> series != rateSeries.get(0) && series.getData().isEmpty());
        // the newest point at the right edge, ten minutes back at the left, as the Peers screen's traffic graph
        chartFrom.set(from);
        chartTo.set(x);
    }

    private static void append(XYChart.Series<Number, Number> series, double x, double y) {
        series.getData().add(new XYChart.Data<>(x, y));
    }

    /** {@code blocks}: the newest the node keeps; {@code total}: all it ever found (stale and lost ones counted in). */
    void applyFoundBlocks(List<FoundBlock> blocks, long total) {
        foundBlocks.setAll(blocks);
        long lost = blocks.stream().filter(b -> b.state() == FoundBlock.State.STALE
                || b.state() == FoundBlock.State.REORGANISED_AWAY).count();
        foundCount.set(Formats.count(Math.max(blocks.size(), total) - lost));
        lostCount.set(Formats.count(lost));
    }

    private void updateButton() {
        if (busy.get()) {
            buttonText.set(stopping ? "Stopping…" : "Starting…");
        } else {
            buttonText.set(on.get() ? "Stop mining" : "Start mining");
        }
    }

    /** What became of a found block, as the table says it. */
    public static String stateText(FoundBlock b) {
        return switch (b.state()) {
            case IMMATURE -> "Matures in " + Formats.count(b.blocksToMaturity())
                    + (b.blocksToMaturity() == 1 ? " block" : " blocks");
            case MATURE -> "Mature";
            case STALE -> "Stale";
            case REORGANISED_AWAY -> "Reorganised away";
        };
    }

    // ------------------------------------------------------------------ commands

    /** Starts mining when off, stops it (waiting for the threads) when on. */
    public void toggleMining() {
        if (busy.get()) {
            return;
        }
        boolean stop = on.get();
        stopping = stop;
        on.set(!stop);
        run(stop ? "Mining could not be stopped" : "Mining could not start", () -> {
            if (stop) {
                mining().stop();
            } else {
                mining().start();
            }
        }, true);
    }

    /**
     * Whether Start should first ask where the coins go: there is no wallet and no chosen address, so they would go
     * to a key the node keeps, and the user has not said that is fine yet.
     */
    public boolean needsPayoutChoice() {
        return !on.get() && payoutSource == PayoutSource.NODE_KEY && !payoutAnswered;
    }

    /**
     * Mines to {@code address} from now on and starts; {@code remember} gets the address once the node took it (to
     * keep it in the settings), {@code problem} the reason when the node refused it (a typo, another network).
     */
    public void startMiningTo(String address, Consumer<String> remember, Consumer<String> problem) {
        commands.execute(() -> {
            try {
                mining().setPayoutAddress(address);
            } catch (IllegalArgumentException e) {
                dispatcher.post(new Object(), () -> problem.accept(e.getMessage()));
                return;
            }
            PayoutSource source = mining().payoutSource();
            dispatcher.post(new Object(), () -> {
                payoutSource = source;
                payoutAnswered = true;
                remember.accept(address.strip());
                toggleMining();
            });
        });
    }

    /** Starts paying the node's own key, as the user chose when asked. */
    public void startMiningToNodeKey() {
        payoutAnswered = true;
        toggleMining();
    }

    /** Sets the number of mining threads (1 to all cores); takes effect at once while mining. */
    public void setThreads(int n) {
        if (n == threads.get() && pendingCommands == 0) {
            return;
        }
        threads.set(n);
        run("The thread count could not be changed", () -> mining().setThreads(n), false);
    }

    /** One thread, half the cores, every core. */
    public void useOneThread() {
        setThreads(1);
    }

    public void useHalfTheCores() {
        setThreads(Math.max(1, maxThreads.get() / 2));
    }

    public void useAllCores() {
        setThreads(maxThreads.get());
    }

    public void setPauseWhileSyncing(boolean pause) {
        if (pause == pauseWhileSyncing.get()) {
            return;
        }
        pauseWhileSyncing.set(pause);
        run("The pause setting could not be changed", () -> mining().setPauseWhileSyncing(pause), false);
    }

    /** Opens a found block in the explorer. */
    public void explore(FoundBlock block) {
        navigator.explore(block.hash().toHex());
    }

    private void run(String failure, Runnable command, boolean marksBusy) {
        pendingCommands++;
        if (marksBusy) {
            busy.set(true);
        }
        commandError.set("");
        updateButton();
        commands.execute(() -> {
            String error = "";
            try {
                command.run();
            } catch (RuntimeException e) {
                error = failure + ": " + e.getMessage();
            }
            MiningSnapshot after = mining().snapshot();
            boolean pause = mining().pauseWhileSyncing();
            String reported = error;
            // One key per command: each command's end is counted, none replaced by the next.
            dispatcher.post(new Object(), () -> {
                pendingCommands--;
                if (marksBusy) {
                    busy.set(false);
                }
                commandError.set(reported);
                pauseWhileSyncing.set(pause);
                applySnapshot(after);
            });
        });
    }

    // ------------------------------------------------------------------ properties

    /** Mining is on: running, or waiting for the sync to finish. */
    public ReadOnlyBooleanProperty onProperty() {
        return on;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running;
    }

    public ReadOnlyBooleanProperty pausedForSyncProperty() {
        return pausedForSync;
    }

    /** A start or stop is under way. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    public ReadOnlyStringProperty buttonTextProperty() {
        return buttonText;
    }

    public ReadOnlyStringProperty stateTextProperty() {
        return stateText;
    }

    public ReadOnlyIntegerProperty threadsProperty() {
        return threads;
    }

    public ReadOnlyIntegerProperty maxThreadsProperty() {
        return maxThreads;
    }

    public ReadOnlyStringProperty hashRateProperty() {
        return hashRate;
    }

    public ReadOnlyStringProperty difficultyProperty() {
        return difficulty;
    }

    public ReadOnlyStringProperty expectedTimeProperty() {
        return expectedTime;
    }

    public ReadOnlyStringProperty dailyChanceProperty() {
        return dailyChance;
    }

    /** Found blocks on the active chain (immature or mature). */
    public ReadOnlyStringProperty foundCountProperty() {
        return foundCount;
    }

    /** Found blocks that are stale or were reorganised away. */
    public ReadOnlyStringProperty lostCountProperty() {
        return lostCount;
    }

    /** Where mined coins go; empty while there is no address (the problem says why). */
    public ReadOnlyStringProperty payoutAddressProperty() {
        return payoutAddress;
    }

    /** Why mining cannot start or would be wasted, in words; empty when nothing is wrong. */
    public ReadOnlyStringProperty problemProperty() {
        return problem;
    }

    /** The last command's failure with its reason; empty after a success. */
    public ReadOnlyStringProperty commandErrorProperty() {
        return commandError;
    }

    public ReadOnlyBooleanProperty pauseWhileSyncingProperty() {
        return pauseWhileSyncing;
    }

    /** Newest first, each with its fate now. */
    public ObservableList<FoundBlock> foundBlocks() {
        return foundBlocksView;
    }

    /** The hash-rate series: the total first, then one per thread; x in seconds since the chart's origin. */
    public ObservableList<XYChart.Series<Number, Number>> rateSeries() {
        return rateSeries;
    }

    /** When x = 0 on the chart, in milliseconds since 1970 (-1 before the first point). */
    public ReadOnlyLongProperty chartOriginMillisProperty() {
        return chartOriginMillis;
    }

    public ReadOnlyDoubleProperty chartFromProperty() {
        return chartFrom;
    }

    public ReadOnlyDoubleProperty chartToProperty() {
        return chartTo;
    }
}
