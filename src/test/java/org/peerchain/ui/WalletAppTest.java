package org.peerchain.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.ToggleButton;
import javafx.geometry.Bounds;
import javafx.scene.control.ScrollPane;
import javafx.stage.Stage;
import java.nio.file.Files;
import java.util.Optional;
import javafx.scene.control.Button;
import javafx.scene.control.TextField;
import org.peerchain.ui.settings.DesktopLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.consensus.ChainParams;
import org.peerchain.node.Node;
import org.peerchain.node.NodeConfig;
import org.peerchain.ui.settings.AppSettings;
import org.peerchain.ui.settings.SettingsFile;
import org.peerchain.testing.FxClicks;
import org.testfx.api.FxRobotInterface;
import org.testfx.framework.junit5.ApplicationTest;
import org.testfx.util.WaitForAsyncUtils;

@Timeout(90)
class WalletAppTest extends ApplicationTest {
    @TempDir
    Path dataDir;

    private Stage stage;
    private WalletApp app;

    @Override
    public void start(Stage stage) {
        this.stage = stage;
    }

    @Override
    public void stop() {
        if (app != null) {
            app.stop();
        }
    }

    private NodeConfig config() {
        return NodeConfig.regtest(dataDir).withRpcPort(NodeConfig.OFF);
    }

    private void open(WalletApp next) {
        app = next;
        interact(() -> app.start(stage));
    }

    private FxRobotInterface click(String query) {
        return FxClicks.click(this, query);
    }

    private void waitUntil(String what, Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, condition);
        } catch (TimeoutException e) {
            throw new AssertionError("the window never showed " + what, e);
        }
    }

    private String text(String query) {
        return lookup(query).queryAs(Label.class).getText();
    }

    @Test
    void withoutAWalletTheFirstRunIsOfferedAndBrowsingWithoutOneIsRemembered() throws Exception {
        open(new WalletApp(config()));
        waitUntil("the first run", () -> lookup("#browseChoice").tryQuery().isPresent());
        click("#browseChoice");
        waitUntil("the overview", () -> lookup("#heightLabel").tryQuery().isPresent()
                && lookup("#overviewButton").queryAs(ToggleButton.class).isSelected());
        assertTrue(lookup("#noWalletBox").query().isVisible(), "the overview offers a wallet later");
        interact(() -> app.stop());
        assertTrue(new SettingsFile(dataDir.resolve(SettingsFile.FILE_NAME)).load().settings().browseWithoutWallet());
        open(new WalletApp(config()));
        waitUntil("the overview straight away", () -> lookup("#heightLabel").tryQuery().isPresent());
        assertTrue(lookup("#browseChoice").tryQuery().isEmpty(), "the first run is not offered again");
        // the query walks the scene graph from the test thread: wait until the overview's link is shown and settled
        waitUntil("the overview's wallet link", () -> lookup("#noWalletBox").tryQuery()
                .map(box -> box.getScene() != null && box.isVisible()).orElse(false));
        click("Create or restore a wallet");
        waitUntil("the first run on request", () -> lookup("#browseChoice").tryQuery().isPresent());
    }

    /** A data directory whose user chose to browse without a wallet: the window opens on its screens. */
    private void browsingWithoutAWallet() throws Exception {
        Path settingsPath = dataDir.resolve(SettingsFile.FILE_NAME);
        AppSettings s = new SettingsFile(settingsPath).load().settings();
        new SettingsFile(settingsPath).save(s.withBrowseWithoutWallet(true));
    }

    @Test
    void theStartupViewGivesWayToTheOverviewWithTheGenesisTipAndTheStatusBar() throws Exception {
        browsingWithoutAWallet();
        open(new WalletApp(config()));
        assertEquals(WalletApp.TITLE, stage.getTitle());
        // the height reads 0 before the tip arrives: wait for the best block itself
        waitUntil("the genesis tip", () -> lookup("#bestBlockLabel").tryQuery().isPresent()
                && ChainParams.REGTEST.genesisHash().toHex().equals(text("#bestBlockLabel")));
        assertEquals("0", text("#heightLabel"));
        assertEquals("regtest", text("#networkBadge"));
        waitUntil("the height in the status bar", () -> "Height 0".equals(text("#statusHeight")));
        assertEquals("Not mining", text("#statusMining"));
        assertTrue(lookup("#overviewButton").queryAs(ToggleButton.class).isSelected());
    }

    @Test
    void aNodeThatCannotStartIsExplainedInWordsWithAWayOut() throws Exception {
        try (Node holder = Node.start(config())) {
            open(new WalletApp(config()));
            waitUntil("the failure", () -> lookup(".failure").tryQuery().isPresent()
                    && text(".failure").contains("already using the data directory"));
            assertTrue(lookup("Quit").tryQuery().isPresent(), "a Quit button is offered");
            assertTrue(lookup("Opening the database").tryQuery().isPresent()
                    || lookup(n -> n instanceof Label l && l.getText().startsWith("Opening the database")).tryQuery().isPresent(),
                    "the steps are listed");
            assertTrue(lookup("#overviewButton").queryAs(ToggleButton.class).isDisabled(), "no screen opens without a node");
        }
    }

    @Test
    void themeTextSizeWindowAndLastScreenSurviveARestart() throws Exception {
        browsingWithoutAWallet();
        open(new WalletApp(config()));
        waitUntil("height 0", () -> lookup("#heightLabel").tryQuery().isPresent() && "0".equals(text("#heightLabel")));
        click("#darkToggle");
        interact(() -> {
            stage.setWidth(980);
            stage.setHeight(650);
        });
        interact(() -> app.stop());
        AppSettings saved = new SettingsFile(dataDir.resolve(SettingsFile.FILE_NAME)).load().settings();
        assertEquals("dark", saved.theme());
        assertEquals(980, saved.window().width(), 1);
        assertEquals(650, saved.window().height(), 1);
        assertEquals("OVERVIEW", saved.lastScreen());

        Path settingsPath = dataDir.resolve(SettingsFile.FILE_NAME);
        new SettingsFile(settingsPath).save(saved.withUiScale(1.3));
        WalletApp reopened = new WalletApp(config(), settingsPath, null);
        interact(() -> {
            stage.hide();
            stage.setWidth(400);
        });
        open(reopened);
        assertTrue(lookup("#darkToggle").queryAs(ToggleButton.class).isSelected(), "the dark theme is back");
        assertEquals(980, stage.getWidth(), 1);
        assertEquals(650, stage.getHeight(), 1);
        assertTrue(stage.getScene().getRoot().getStyle().contains("18.2px"), stage.getScene().getRoot().getStyle());
        waitUntil("the overview again", () -> lookup("#overviewButton").queryAs(ToggleButton.class).isSelected());
    }

    @Test
    void inTheSmallestWindowWithLargeTextTheStatusBarStaysInViewAndTheRailScrolls() throws Exception {
        Path settingsPath = dataDir.resolve(SettingsFile.FILE_NAME);
        browsingWithoutAWallet();
        AppSettings s = new SettingsFile(settingsPath).load().settings();
        new SettingsFile(settingsPath).save(s.withUiScale(1.3)); // the rail alone is taller than the window then
        open(new WalletApp(config(), settingsPath, null));
        waitUntil("the height in the status bar", () -> "Height 0".equals(text("#statusHeight")));
        interact(() -> {
            stage.setWidth(WalletApp.MIN_WIDTH);
            stage.setHeight(WalletApp.MIN_HEIGHT);
        });
        WaitForAsyncUtils.waitForFxEvents();

        waitUntil("the status bar inside the window", () -> {
            javafx.scene.Node status = lookup("#statusHeight").query();
            Bounds b = status.localToScene(status.getBoundsInLocal());
            return b.getHeight() > 0 && b.getMaxY() <= stage.getScene().getHeight() + 0.5;
        });
        ScrollPane rail = lookup("#railScroll").queryAs(ScrollPane.class);
        assertTrue(rail.getContent().getLayoutBounds().getHeight() > rail.getViewportBounds().getHeight(),
                "at this size the rail is taller than its room: " + rail.getContent().getLayoutBounds());
        interact(() -> rail.setVvalue(rail.getVmax()));
        waitUntil("the last control of the rail scrolled into view", () -> {
            javafx.scene.Node last = lookup("#scaleMenu").query();
            Bounds b = last.localToScene(last.getBoundsInLocal());
            Bounds room = rail.localToScene(rail.getLayoutBounds());
            return b.getMinY() >= room.getMinY() - 0.5 && b.getMaxY() <= room.getMaxY() + 0.5;
        });
    }

    @Test
    void theMiningThreadsAndPauseOptionComeBackAtStartAndAChangeIsSaved() throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        assumeTrue(cores >= 2, "a thread count to change needs two cores");
        Path settingsPath = dataDir.resolve(SettingsFile.FILE_NAME);
        new SettingsFile(settingsPath).save(AppSettings.defaults().withLastScreen("MINING").withMining(cores, true)
                .withBrowseWithoutWallet(true));
        open(new WalletApp(config(), settingsPath, null));
        waitUntil("the remembered mining settings", () -> lookup("#pauseCheck").tryQuery().isPresent()
                && lookup("#pauseCheck").queryAs(CheckBox.class).isSelected()
                && Integer.valueOf(cores).equals(lookup("#threadSpinner").queryAs(Spinner.class).getValue()));
        click("#oneThreadButton");
        waitUntil("one thread in the settings file",
                () -> new SettingsFile(settingsPath).load().settings().miningThreads() == 1);
        AppSettings saved = new SettingsFile(settingsPath).load().settings();
        assertTrue(saved.pauseMiningWhileSyncing(), "the pause option is kept");
        assertEquals("MINING", saved.lastScreen());
    }

    @Test
    void thePeersKeptInSettingsAreDialledAtStartUnderTheCommandLine(@org.junit.jupiter.api.io.TempDir Path otherDir)
            throws Exception {
        try (Node other = Node.start(NodeConfig.regtest(otherDir).withRpcPort(NodeConfig.OFF).withP2pPort(0))) {
            Path settingsPath = dataDir.resolve(SettingsFile.FILE_NAME);
            new SettingsFile(settingsPath).save(AppSettings.defaults()
                    .withPeers(java.util.List.of("127.0.0.1:" + other.p2pPort())));
            open(new WalletApp(config().withP2pPort(0), settingsPath,
                    new org.peerchain.ui.settings.NodeStartOptions.CommandLine(0, java.util.List.of(), java.util.List.of(),
                            false, null, null)));
            waitUntil("the kept peer connected", () -> "1 peer".equals(text("#statusPeers")));
            assertEquals(1, other.services().peers().snapshot().inboundCount());
        }
    }

    @Test
    void aWalletHostingATrackerIsFoundThroughItAndTheOthersOutliveIt(@TempDir Path bDir, @TempDir Path cDir)
            throws Exception {
        Path settingsPath = dataDir.resolve(SettingsFile.FILE_NAME);
        new SettingsFile(settingsPath).save(AppSettings.defaults().withBrowseWithoutWallet(true).withHostTracker(0));
        open(new WalletApp(config().withP2pPort(0), settingsPath,
                new org.peerchain.ui.settings.NodeStartOptions.CommandLine(0, java.util.List.of(), java.util.List.of(),
                        false, null, null)));
        waitUntil("the hosted tracker in the status bar", () -> lookup("#statusTracker").tryQuery().isPresent()
                && lookup("#statusTracker").query().isVisible() && text("#statusTracker").startsWith("Tracker on port "));
        int port = Integer.parseInt(text("#statusTracker").substring("Tracker on port ".length()));
        Node wallet = app.node();
        assertEquals(port, wallet.hostedTrackerPort());

        // the status bar opens the tracker's admin window on the hosted tracker; closing it leaves the tracker on
        click("#statusTracker");
        waitUntil("the admin window with the wallet's own node registered", () -> lookup("#peerTable").tryQuery()
                .map(t -> ((javafx.scene.control.TableView<?>) t).getItems().size() >= 1).orElse(false));
        assertTrue(lookup("#stopButton").query().isDisabled(), "the wallet's tracker is not stopped from its window");
        javafx.stage.Window admin = lookup("#peerTable").query().getScene().getWindow();
        interact(() -> ((Stage) admin).close());
        assertTrue(org.peerchain.tracker.Tracker.running(port).isPresent(), "the tracker runs on after its window closes");
        java.util.List<org.peerchain.p2p.HostPort> onlyTheTracker = java.util.List.of(
                new org.peerchain.p2p.HostPort("127.0.0.1", port));
        org.peerchain.p2p.P2pSettings fast = org.peerchain.p2p.P2pSettings.forLoopbackTests();
        try (Node b = Node.start(NodeConfig.regtest(bDir).withRpcPort(NodeConfig.OFF).withP2pPort(0)
                .withPeers(new org.peerchain.node.PeerOptions(onlyTheTracker, java.util.List.of(), fast)));
                Node c = Node.start(NodeConfig.regtest(cDir).withRpcPort(0).withP2pPort(0)
                        .withPeers(new org.peerchain.node.PeerOptions(onlyTheTracker, java.util.List.of(), fast)))) {
            waitUntil("b and c meeting each other and the wallet through its tracker", () -> connected(b, c)
                    && connected(c, b) && connected(b, wallet) && connected(c, wallet));
            interact(() -> app.stop());
            app = null;
            waitUntil("the wallet gone from b and c", () -> !connected(b, wallet) && !connected(c, wallet));
            assertTrue(connected(b, c) && connected(c, b), "b and c keep each other after the wallet quits");
            String address = new org.peerchain.core.Address(
                    ChainParams.REGTEST.addressPrefix(), org.peerchain.core.KeyHash.of(org.peerchain.core.Ed25519Keys
                            .generate(new java.security.SecureRandom()).publicKey())).encode();
            org.peerchain.node.rpc.RpcClient.forDataDir(cDir).call("generatetoaddress",
                    new com.google.gson.JsonPrimitive(2), new com.google.gson.JsonPrimitive(address));
            waitUntil("c's blocks at b", () -> b.chain().tip().height() == 2);
        }
    }

    @Test
    void whenNobodyAnswersTheFirstRunAsksForATrackerAndJoinsThroughIt(@TempDir Path hostDir) throws Exception {
        try (Node host = Node.start(NodeConfig.regtest(hostDir).withRpcPort(NodeConfig.OFF).withP2pPort(0)
                .withHostTracker(0))) {
            Path settingsPath = dataDir.resolve(SettingsFile.FILE_NAME);
            open(new WalletApp(config().withP2pPort(0), settingsPath,
                    new org.peerchain.ui.settings.NodeStartOptions.CommandLine(0, java.util.List.of(),
                            java.util.List.of(), false, null, null)));
            waitUntil("the welcome", () -> lookup("#browseChoice").tryQuery().isPresent());
            assertTrue(lookup("#joinBox").tryQuery().isPresent() && !lookup("#joinBox").query().isVisible(),
                    "no question while the node is still looking on the local network");
            waitUntil("the offer to join by an address", () -> lookup("#joinBox").query().isVisible());

            String tracker = "127.0.0.1:" + host.hostedTrackerPort();
            click("#joinField").write(tracker);
            click("#joinButton");
            waitUntil("the outcome in words", () -> text("#joinNotice").startsWith("Joined through the tracker at "
                    + tracker + ": it knows"));
            waitUntil("the host connected", () -> connected(app.node(), host));
            waitUntil("the tracker kept for the next starts",
                    () -> new SettingsFile(settingsPath).load().settings().trackers().contains(tracker));

            click("#hostButton");
            waitUntil("hosting chosen for the next start",
                    () -> new SettingsFile(settingsPath).load().settings().hostTrackerPort()
                            == AppSettings.USUAL_TRACKER_PORT);
            assertTrue(text("#joinNotice").contains("From the next start this wallet runs a tracker"),
                    text("#joinNotice"));
        }
    }

    private static boolean connected(Node from, Node to) {
        String id = to.network().nodeId();
        return from.network().peers().stream().anyMatch(p -> p.nodeId().equals(id));
    }

    @Test
    void theWalletIsLockedAtStartAndTheStatusBarButtonUnlocksAfterAWrongPasswordAndLocksAgain() throws Exception {
        try (Node maker = Node.start(config())) {
            maker.services().wallet().create("status bar password".toCharArray(), "");
        }
        open(new WalletApp(config()));
        waitUntil("the lock button, locked", () -> lookup("#statusLock").tryQuery().isPresent()
                && lookup("#statusLock").query().isVisible() && "Locked".equals(lockText()));
        assertTrue(app.node().services().wallet().state().locked(), "the wallet is locked at start");

        click("#statusLock");
        waitUntil("the password dialog", this::passwordDialogShown);
        click("#passwordField").write("not the password");
        click("Unlock");
        waitUntil("the dialog again, saying why", () -> passwordDialogShown()
                && lookup("#passwordProblem").queryAs(Label.class).getText().contains("not right"));
        assertEquals("Locked", lockText());
        click("#passwordField").write("status bar password");
        click("Unlock");
        waitUntil("unlocked", () -> "Unlocked".equals(lockText()));
        assertTrue(!app.node().services().wallet().state().locked(), "the node's wallet is unlocked");

        click("#statusLock");
        waitUntil("locked again", () -> "Locked".equals(lockText()));
        assertTrue(app.node().services().wallet().state().locked(), "the node's wallet is locked");
    }

    @Test
    void theThemeAndTextSizeChosenOnTheRailOrInSettingsShowInBoth() throws Exception {
        browsingWithoutAWallet();
        open(new WalletApp(config()));
        waitUntil("the rail", () -> !lookup("#settingsButton").queryAs(ToggleButton.class).isDisabled());
        click("#settingsButton");
        waitUntil("the Settings screen", () -> lookup("#themeChoice").tryQuery().isPresent());
        @SuppressWarnings("unchecked")
        javafx.scene.control.ChoiceBox<String> theme = lookup("#themeChoice").queryAs(javafx.scene.control.ChoiceBox.class);
        String before = theme.getValue();
        click("#darkToggle");
        waitUntil("Settings to follow the rail's theme", () -> !before.equals(theme.getValue()));
        assertEquals(app.settings().dark() ? "Dark" : "Light", theme.getValue());

        @SuppressWarnings("unchecked")
        javafx.scene.control.ComboBox<Double> scale = lookup("#scaleChoice").queryAs(javafx.scene.control.ComboBox.class);
        interact(() -> scale.setValue(1.3));
        waitUntil("the rail's menu to tick 130%", () -> lookup("#scaleMenu").queryAs(javafx.scene.control.MenuButton.class)
                .getItems().stream().anyMatch(m -> m instanceof javafx.scene.control.RadioMenuItem r && r.isSelected()
                        && r.getText().equals("130%")));
        assertEquals(1.3, app.settings().uiScale(), 0.001);
    }

    private Path nodeDir() {
        Node n = app.node();
        return n == null ? null : n.config().dataDir();
    }

    @Test
    void theNodeRestartsInTheChosenFolderAndTheNextStartOpensThere() throws Exception {
        Path first = dataDir.resolve("first");
        Path moved = dataDir.resolve("moved");
        Path base = dataDir.resolve("base");
        // the chosen folder's own settings give the restarted node a free port rather than the network's usual one
        new org.peerchain.ui.settings.SettingsFile(moved.resolve(org.peerchain.ui.settings.SettingsFile.FILE_NAME))
                .save(org.peerchain.ui.settings.AppSettings.defaults().withListenPort(0));
        app = new WalletApp(NodeConfig.regtest(first).withRpcPort(NodeConfig.OFF).withP2pPort(0)).locationBase(base);
        interact(() -> app.start(stage));
        waitUntil("the first run on the first folder", () -> first.equals(nodeDir())
                && lookup("#browseChoice").tryQuery().isPresent());

        click("Advanced: network and data directory");
        interact(() -> lookup("#dataDirField").queryAs(TextField.class).setText(moved.toString()));
        waitUntil("the restart button", () -> !lookup("#relocateButton").queryAs(Button.class).isDisabled());
        // the button sits below the fold of the test's small window: pressed as the keyboard would
        interact(() -> lookup("#relocateButton").queryAs(Button.class).fire());

        waitUntil("the node in the chosen folder, offering the first run there", () -> moved.equals(nodeDir())
                && lookup("#browseChoice").tryQuery().isPresent());
        assertTrue(Files.isDirectory(moved), "the chosen folder was made");
        assertEquals(Optional.of(new DesktopLocation("regtest", moved)), DesktopLocation.read(base),
                "the choice is kept for the next start");
        assertEquals(Optional.of(new DesktopLocation("regtest", moved)),
                org.peerchain.cli.WalletCommandAccess.chosenLocation(false, base), "a start without options opens there");
        assertEquals(Optional.empty(), org.peerchain.cli.WalletCommandAccess.chosenLocation(true, base),
                "--network or --datadir on the command line wins");
    }

    private boolean passwordDialogShown() {
        // as TestFX's clickOn judges it: shown, and laid out within its scene (a dialog just shown may not be yet)
        return lookup("#passwordField").match(org.testfx.util.NodeQueryUtils.isVisible()).tryQuery().isPresent();
    }

    private String lockText() {
        return lookup("#statusLock").queryAs(javafx.scene.control.Button.class).getText();
    }
}
