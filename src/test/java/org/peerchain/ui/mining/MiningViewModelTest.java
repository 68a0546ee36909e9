package org.peerchain.ui.mining;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.scene.chart.XYChart;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.core.Hash;
import org.peerchain.node.Node;
import org.peerchain.node.NodeConfig;
import org.peerchain.node.api.FoundBlock;
import org.peerchain.node.api.MiningSnapshot;
import org.peerchain.ui.fx.FxDispatcher;
import org.peerchain.ui.fx.Navigator;
import org.peerchain.ui.fx.ScreenId;

@Timeout(120)
class MiningViewModelTest {
    private static final long START_MILLIS = 1_800_000_000_000L;

    @TempDir
    Path dir;

    private final List<String> explored = Collections.synchronizedList(new ArrayList<>());
    private final Navigator navigator = new Navigator() {
        @Override
        public void open(ScreenId screen) {
        }

        @Override
        public void explore(String query) {
            explored.add(query);
        }
    };
    private ExecutorService uiThread;

    @AfterEach
    void stopUiThread() {
        if (uiThread != null) {
            uiThread.shutdownNow();
        }
    }

    /** A view-model fed by hand, its dispatcher and commands direct (no node is asked for anything). */
    private MiningViewModel detached() {
        return new MiningViewModel(null, new FxDispatcher(Runnable::run), navigator, Runnable::run);
    }

    private static MiningSnapshot snapshot(long millis, boolean running, double... perThread) {
        List<Double> rates = new ArrayList<>();
        double total = 0;
        for (double r : perThread) {
            rates.add(r);
            total += r;
        }
        return new MiningSnapshot(running, Math.max(1, rates.size()), 4, total, rates, 1_000, 0, 0, 1.0,
                total > 0 ? 120 : Double.POSITIVE_INFINITY, total > 0 ? 0.5 : 0, "rpc1address", "", false, millis,
                "jdk-intrinsic", 0);
    }

    private static double firstX(XYChart.Series<Number, Number> s) {
        return s.getData().get(0).getXValue().doubleValue();
    }

    private static double lastX(XYChart.Series<Number, Number> s) {
        return s.getData().get(s.getData().size() - 1).getXValue().doubleValue();
    }

    @Test
    void theChartKeepsTenMinutesOfTheTotalAndEachThreadsRate() {
        MiningViewModel vm = detached();
        int seconds = 15 * 60;
        for (int i = 0; i <= seconds; i++) {
            vm.applySnapshot(snapshot(START_MILLIS + i * 1000L, true, 1000, 3000));
        }
        List<XYChart.Series<Number, Number>> series = vm.rateSeries();
        assertEquals(List.of("Total", "Thread 1", "Thread 2"), series.stream().map(XYChart.Series::getName).toList());
        for (XYChart.Series<Number, Number> s : series) {
            assertEquals(seconds, lastX(s), 1e-9);
            assertEquals(seconds - MiningViewModel.CHART_WINDOW.toSeconds(), firstX(s), 1e-9);
            assertEquals(MiningViewModel.CHART_WINDOW.toSeconds() + 1, s.getData().size());
        }
        assertEquals(4000, series.get(0).getData().get(0).getYValue().doubleValue());
        assertEquals(3000, series.get(2).getData().get(0).getYValue().doubleValue());
        assertEquals(seconds - MiningViewModel.CHART_WINDOW.toSeconds(), vm.chartFromProperty().get(), 1e-9);
        assertEquals(seconds, vm.chartToProperty().get(), 1e-9);
        assertEquals(START_MILLIS, vm.chartOriginMillisProperty().get());

        // Down to one thread: the second thread's line ages out and leaves the chart.
        for (int i = seconds + 1; i <= seconds + 11 * 60; i++) {
            vm.applySnapshot(snapshot(START_MILLIS + i * 1000L, true, 2000));
        }
        assertEquals(List.of("Total", "Thread 1"), series.stream().map(XYChart.Series::getName).toList());
        assertEquals(2000, series.get(0).getData().get(0).getYValue().doubleValue());
    }

    @Test
    void numbersAreShownAsPeopleSayThemAndIdleShowsNoOdds() {
        MiningViewModel vm = detached();
        assertEquals("Start mining", vm.buttonTextProperty().get());
        vm.applySnapshot(snapshot(START_MILLIS, true, 750_000, 750_000));
        assertTrue(vm.onProperty().get());
        assertEquals("Stop mining", vm.buttonTextProperty().get());
        assertEquals("Mining on 2 threads", vm.stateTextProperty().get());
        assertEquals("1.50 MH/s", vm.hashRateProperty().get());
        assertEquals("1.000", vm.difficultyProperty().get());
        assertEquals("2 min", vm.expectedTimeProperty().get());
        assertEquals("50%", vm.dailyChanceProperty().get());
        assertEquals("rpc1address", vm.payoutAddressProperty().get());

        vm.applySnapshot(snapshot(START_MILLIS + 1000, false));
        assertFalse(vm.onProperty().get());
        assertEquals("Start mining", vm.buttonTextProperty().get());
        assertEquals("Not mining", vm.stateTextProperty().get());
        assertEquals("0 H/s", vm.hashRateProperty().get());
        assertEquals(MiningViewModel.NOT_AVAILABLE, vm.expectedTimeProperty().get());
        assertEquals(MiningViewModel.NOT_AVAILABLE, vm.dailyChanceProperty().get());
        assertEquals(0.0, lastYOfTotal(vm), "the chart drops to zero when mining stops");
    }

    private static double lastYOfTotal(MiningViewModel vm) {
        var data = vm.rateSeries().get(0).getData();
        return data.get(data.size() - 1).getYValue().doubleValue();
    }

    @Test
    void waitingForTheSyncShowsTheProblemAndAStopButton() {
        MiningViewModel vm = detached();
        String problem = "The node is still catching up with its peers (block 1,204 of 39,637): you would be mining"
                + " on an old tip";
        vm.applySnapshot(new MiningSnapshot(false, 1, 4, 0, List.of(), 0, 0, 0, 1.0, Double.POSITIVE_INFINITY, 0,
                "", problem, true, START_MILLIS, "jdk-intrinsic", 0));
        assertTrue(vm.onProperty().get());
        assertEquals("Stop mining", vm.buttonTextProperty().get());
        assertEquals("Waiting for the node to catch up with its peers", vm.stateTextProperty().get());
        assertEquals(problem, vm.problemProperty().get());
        assertEquals("", vm.payoutAddressProperty().get());
    }

    @Test
    void foundBlocksAreCountedAndTheirFateSaidInWords() {
        MiningViewModel vm = detached();
        Hash h = Hash.fromHex("00".repeat(31) + "01");
        List<FoundBlock> blocks = List.of(
                new FoundBlock(h, 140, 1, 50, FoundBlock.State.IMMATURE, 37),
                new FoundBlock(h, 139, 1, 50, FoundBlock.State.IMMATURE, 1),
                new FoundBlock(h, 20, 1, 50, FoundBlock.State.MATURE, 0),
                new FoundBlock(h, 19, 1, 50, FoundBlock.State.STALE, 0),
                new FoundBlock(h, 18, 1, 50, FoundBlock.State.REORGANISED_AWAY, 0));
        vm.applyFoundBlocks(blocks, blocks.size());
        assertEquals(blocks, vm.foundBlocks());
        assertEquals("3", vm.foundCountProperty().get());
        assertEquals("2", vm.lostCountProperty().get());
        assertEquals(List.of("Matures in 37 blocks", "Matures in 1 block", "Mature", "Stale", "Reorganised away"),
                blocks.stream().map(MiningViewModel::stateText).toList());
        vm.explore(blocks.get(0));
        assertEquals(List.of(h.toHex()), explored);
    }

    /** Runs {@code read} on the stand-in FX thread and returns what it saw. */
    private <T> T onUi(Supplier<T> read) throws Exception {
        return uiThread.submit(read::get).get(10, TimeUnit.SECONDS);
    }

    private void waitOnUi(String what, Supplier<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!onUi(condition)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void commandsDriveARealNodeAndItsEventsComeBack() throws Exception {
        // One thread stands in for the FX thread: updates and reads of the view-model all happen on it.
        uiThread = Executors.newSingleThreadExecutor();
        ExecutorService commands = Executors.newSingleThreadExecutor();
        try (Node node = Node.start(NodeConfig.regtest(dir).withRpcPort(NodeConfig.OFF))) {
            MiningViewModel vm = new MiningViewModel(node.services(), new FxDispatcher(uiThread::execute), navigator,
                    commands);
            uiThread.submit(vm::activate).get();
            waitOnUi("the first load", () -> !vm.difficultyProperty().get().equals(MiningViewModel.NOT_AVAILABLE));
            assertEquals(node.services().mining().maxThreads(), onUi(() -> vm.maxThreadsProperty().get()));

            uiThread.submit(vm::toggleMining).get();
            waitOnUi("the miner to run", () -> vm.runningProperty().get() && !vm.busyProperty().get());
            assertTrue(node.services().mining().snapshot().running());
            waitOnUi("a block found", () -> !vm.foundBlocks().isEmpty());
            waitOnUi("a hash rate", () -> !vm.hashRateProperty().get().equals("0 H/s"));

            int tooMany = node.services().mining().maxThreads() + 1;
            uiThread.submit(() -> vm.setThreads(tooMany)).get();
            waitOnUi("the refusal", () -> !vm.commandErrorProperty().get().isEmpty());
            assertEquals("The thread count could not be changed: Mining threads must be 1 to " + (tooMany - 1)
                    + " (the number of cores), got " + tooMany, onUi(() -> vm.commandErrorProperty().get()));
            waitOnUi("the thread count to show the node's again",
                    () -> vm.threadsProperty().get() == node.services().mining().snapshot().threads());

            uiThread.submit(() -> vm.setPauseWhileSyncing(true)).get();
            waitOnUi("the pause setting to reach the node", () -> node.services().mining().pauseWhileSyncing());

            uiThread.submit(vm::toggleMining).get();
            waitOnUi("mining to stop", () -> !vm.onProperty().get() && !vm.busyProperty().get());
            assertFalse(node.services().mining().snapshot().running());
            assertEquals("Start mining", onUi(() -> vm.buttonTextProperty().get()));
            assertEquals("", onUi(() -> vm.commandErrorProperty().get()));
            uiThread.submit(vm::deactivate).get();
        } finally {
            commands.shutdownNow();
        }
    }

    @Test
    void whatArrivesAfterTheScreenWasHiddenIsDroppedAndShowingItAgainReadsAfresh() {
        java.util.Queue<Runnable> toFx = new java.util.ArrayDeque<>();
        try (Node node = Node.start(NodeConfig.regtest(dir).withRpcPort(NodeConfig.OFF))) {
            MiningViewModel vm = new MiningViewModel(node.services(), new FxDispatcher(toFx::add), navigator,
                    Runnable::run);
            vm.activate(); // the state is read at once (commands run in line) and waits for the FX thread
            vm.deactivate();
            assertFalse(toFx.isEmpty(), "the read state is on its way");
            while (!toFx.isEmpty()) {
                toFx.poll().run();
            }
            assertEquals(MiningViewModel.NOT_AVAILABLE, vm.difficultyProperty().get(), "a hidden screen is not updated");

            vm.activate();
            while (!toFx.isEmpty()) {
                toFx.poll().run();
            }
            assertFalse(vm.difficultyProperty().get().equals(MiningViewModel.NOT_AVAILABLE), "shown again, it loads");
            vm.deactivate();
        } catch (org.peerchain.node.NodeStartException e) {
            throw new AssertionError(e);
        }
    }
}
