package org.peerchain.ui.firstrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.node.DataDirectory;
import org.peerchain.node.Node;
import org.peerchain.node.NodeConfig;
import org.peerchain.node.api.SyncState;
import org.peerchain.ui.firstrun.FirstRunViewModel.Page;
import org.peerchain.ui.fx.FxDispatcher;

/** The welcome's view-model on a real regtest node: pages, the sync line, and choosing another place. */
@Timeout(60)
class FirstRunViewModelTest {
    @TempDir
    Path dir;
    @TempDir
    Path elsewhere;

    private Node node;
    private final List<String> outcomes = new CopyOnWriteArrayList<>();
    private FirstRunViewModel model;

    @BeforeEach
    void start() throws Exception {
        node = Node.start(NodeConfig.regtest(dir).withRpcPort(NodeConfig.OFF));
        model = new FirstRunViewModel(node.services(), new FxDispatcher(Runnable::run), Runnable::run,
                new FirstRunScreen.Outcome() {
                    @Override
                    public void walletReady() {
                        outcomes.add("ready");
                    }

                    @Override
                    public void browseWithoutWallet() {
                        outcomes.add("browse");
                    }

                    @Override
                    public void relocate(String network, Path dataDir) {
                        outcomes.add("relocate " + network + " " + dataDir);
                    }

                    @Override
                    public void trackerJoined(String address) {
                        outcomes.add("tracker " + address);
                    }

                    @Override
                    public void hostTracker() {
                        outcomes.add("host a tracker");
                    }
                });
        model.activate();
    }

    @AfterEach
    void stop() {
        model.deactivate();
        node.close();
    }

    @Test
    void theSyncLineSaysHowFarTheNodeIsInBlocks() {
        assertEquals("Your node is at block 0 and keeps following the network while you set up your wallet.",
                model.syncTextProperty().get());
        model.showSync(new SyncState(1234, 10000, 50, 175, true));
        assertEquals("Your node is syncing: 1,234 of 10,000 blocks. It carries on while you set up your wallet.",
                model.syncTextProperty().get());
    }

    @Test
    void theChoicesOpenTheirPagesOrBrowse() {
        assertEquals(Page.WELCOME, model.pageProperty().get());
        model.openCreate();
        assertEquals(Page.CREATE, model.pageProperty().get());
        model.openWelcome();
        model.openRestore();
        assertEquals(Page.RESTORE, model.pageProperty().get());
        model.browseWithoutWallet();
        assertEquals(List.of("browse"), outcomes);
    }

    @Test
    void theRunningPlaceIsShownAndNothingChangesUntilTheUserChoosesAnother() {
        assertEquals("regtest", model.networkProperty().get());
        assertEquals(dir.toAbsolutePath().normalize().toString(), model.dataDirProperty().get());
        assertTrue(model.currentPlaceProperty().get().startsWith("The node runs on the regtest network, with its"
                + " files in "));
        assertFalse(model.placeChangedProperty().get());
        model.relocate();
        assertTrue(outcomes.isEmpty());
    }

    @Test
    void anotherNetworkGetsItsOwnDefaultDirectory() {
        model.networkProperty().set("test");
        assertEquals(DataDirectory.defaultFor("test").toString(), model.dataDirProperty().get());
        assertTrue(model.placeChangedProperty().get());
        model.networkProperty().set("regtest");
        assertEquals(dir.toAbsolutePath().normalize().toString(), model.dataDirProperty().get());
        assertFalse(model.placeChangedProperty().get());
    }

    @Test
    void aFileOrARelativePathIsRefusedInWords() throws Exception {
        Path file = Files.writeString(elsewhere.resolve("notes.txt"), "not a directory");
        model.dataDirProperty().set(file.toString());
        model.relocate();
        assertEquals(file + " is a file, not a directory.", model.placeProblemProperty().get());
        model.dataDirProperty().set(file.resolve("inside").toString());
        model.relocate();
        assertEquals(file.resolve("inside") + " cannot be made: " + file + " is a file.", model.placeProblemProperty().get());
        model.dataDirProperty().set("relative/dir");
        model.relocate();
        assertEquals("Give the whole path of the data directory, not \"relative/dir\".", model.placeProblemProperty().get());
        model.dataDirProperty().set("  ");
        model.relocate();
        assertEquals("Choose a data directory.", model.placeProblemProperty().get());
        assertTrue(outcomes.isEmpty());
    }

    @Test
    void aUsableDirectoryIsHandedToTheLeadWithTheNetwork() {
        Path fresh = elsewhere.resolve("peerchain").resolve("test");
        model.networkProperty().set("test");
        model.dataDirProperty().set(fresh.toString());
        model.relocate();
        assertEquals("", model.placeProblemProperty().get());
        assertEquals(List.of("relocate test " + fresh), outcomes);
    }

    @Test
    void anotherNetworkIsNotPutInTheRunningNetworksDirectory() {
        model.networkProperty().set("main");
        model.dataDirProperty().set(dir.toString());
        model.relocate();
        assertTrue(model.placeProblemProperty().get().startsWith("The regtest network's files are in "),
                model.placeProblemProperty().get());
        assertTrue(outcomes.isEmpty());
    }
}
