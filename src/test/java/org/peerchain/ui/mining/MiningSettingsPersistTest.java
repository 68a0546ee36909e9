package org.peerchain.ui.mining;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.node.Node;
import org.peerchain.node.NodeConfig;
import org.peerchain.node.api.MiningControl;
import org.peerchain.node.api.Subscription;
import org.peerchain.testing.Await;
import org.peerchain.ui.fx.FxDispatcher;
import org.peerchain.ui.fx.Navigator;
import org.peerchain.ui.fx.ScreenId;
import org.peerchain.ui.settings.AppSettings;
import org.peerchain.ui.settings.MiningDefaults;
import org.peerchain.ui.settings.SettingsFile;

/**
 * The Mining screen's thread count and pause-while-syncing option land in {@code settings.json} when changed and
 * come back at the next start, over a real regtest node (the view-model's dispatcher and commands run in line).
 */
@Timeout(60)
class MiningSettingsPersistTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Navigator NOWHERE = new Navigator() {
        @Override
        public void open(ScreenId screen) {
        }

        @Override
        public void explore(String query) {
        }
    };

    @TempDir
    Path dir;

    @Test
    void changingThreadsAndThePauseOptionIsSavedAndRestoredAtTheNextStart() throws Exception {
        SettingsFile file = new SettingsFile(dir.resolve(SettingsFile.FILE_NAME));
        AtomicReference<AppSettings> settings = new AtomicReference<>(AppSettings.defaults().withTheme("dark"));
        int cores;
        try (Node node = Node.start(NodeConfig.regtest(dir).withRpcPort(NodeConfig.OFF))) {
            MiningControl mining = node.services().mining();
            cores = mining.maxThreads();
            assumeTrue(cores >= 2, "a thread count to change to needs two cores");
            MiningDefaults.restore(settings.get(), mining);
            assertEquals(cores / 2, mining.snapshot().threads(), "the default is half the cores");

            FxDispatcher dispatcher = new FxDispatcher(Runnable::run);
            Subscription following = MiningDefaults.follow(node.services(), dispatcher, settings::get, s -> {
                settings.set(s);
                save(file, s);
            });
            MiningViewModel model = new MiningViewModel(node.services(), dispatcher, NOWHERE, Runnable::run);
            model.activate();
            model.useAllCores();
            Await.until(WAIT, "the thread count saved", () -> file.load().settings().miningThreads() == cores);
            model.setPauseWhileSyncing(true);
            Await.until(WAIT, "the pause option saved", () -> file.load().settings().pauseMiningWhileSyncing());
            model.deactivate();
            following.close();
        }

        AppSettings loaded = file.load().settings();
        assertEquals(AppSettings.defaults().withTheme("dark").withMining(cores, true), loaded,
                "the rest of the settings is kept");
        try (Node again = Node.start(NodeConfig.regtest(dir).withRpcPort(NodeConfig.OFF))) {
            MiningControl mining = again.services().mining();
            assertEquals(1, mining.snapshot().threads(), "a fresh node mines on one thread");
            MiningDefaults.restore(loaded, mining);
            assertEquals(cores, mining.snapshot().threads());
            assertTrue(mining.pauseWhileSyncing());
            MiningViewModel model = new MiningViewModel(again.services(), new FxDispatcher(Runnable::run), NOWHERE,
                    Runnable::run);
            model.activate();
            assertEquals(cores, model.threadsProperty().get(), "the Mining screen shows the restored count");
            assertTrue(model.pauseWhileSyncingProperty().get());
            model.deactivate();
        }
    }

    @Test
    void theRememberedCountNeverAsksForMoreCoresThanTheMachineHas() {
        assertEquals(4, MiningDefaults.threads(AppSettings.defaults().withMining(AppSettings.MAX_MINING_THREADS, false),
                4));
        assertEquals(1, MiningDefaults.threads(AppSettings.defaults(), 1), "half of one core is still one thread");
        assertEquals(4, MiningDefaults.threads(AppSettings.defaults(), 8));
    }

    private static void save(SettingsFile file, AppSettings s) {
        try {
            file.save(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
