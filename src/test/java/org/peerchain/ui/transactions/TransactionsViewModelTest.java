package org.peerchain.ui.transactions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.consensus.ChainParams;
import org.peerchain.core.Address;
import org.peerchain.node.Node;
import org.peerchain.node.NodeConfig;
import org.peerchain.node.api.WalletTxState;
import org.peerchain.testing.DesktopWallets;
import org.peerchain.ui.fx.FxDispatcher;
import org.peerchain.ui.fx.Navigator;
import org.peerchain.ui.fx.ScreenId;

/**
 * The Transactions screen's view-model on a real regtest node with a wallet, without a stage: one thread plays the
 * FX thread (the dispatcher's and every call of the test), another the command thread.
 */
@Timeout(120)
class TransactionsViewModelTest {
    @TempDir
    Path dir;
    @TempDir
    Path exports;

    private final ExecutorService uiThread = Executors.newSingleThreadExecutor();
    private final ExecutorService commands = Executors.newSingleThreadExecutor();
    private final List<String> explored = new CopyOnWriteArrayList<>();
    private Node node;
    private TransactionsViewModel model;

    @AfterEach
    void stop() throws Exception {
        if (model != null) {
            run(model::deactivate);
        }
        if (node != null) {
            node.close();
        }
        uiThread.shutdownNow();
        commands.shutdownNow();
    }

    private TransactionsViewModel open(Node n) throws Exception {
        node = n;
        Navigator navigator = new Navigator() {
            @Override
            public void open(ScreenId screen) {
            }

            @Override
            public void explore(String query) {
                explored.add(query);
            }
        };
        model = new TransactionsViewModel(n.services(), new FxDispatcher(uiThread::execute), navigator, commands);
        run(model::activate);
        waitOnUi("the history read", () -> !model.loadingProperty().get());
        return model;
    }

    private <T> T onUi(Callable<T> read) throws Exception {
        return uiThread.submit(read).get(10, TimeUnit.SECONDS);
    }

    private void run(Runnable action) throws Exception {
        uiThread.submit(action).get(10, TimeUnit.SECONDS);
    }

    private void waitOnUi(String what, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!onUi(condition)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    private TransactionRow row(int i) throws Exception {
        return onUi(() -> model.rows().get(i));
    }

    @Test
    void showsTheHistoryNewestFirstAndAdvancesConfirmationsAndMaturityInPlace() throws Exception {
        Node n = DesktopWallets.start(dir);
        DesktopWallets.mineToWallet(n, 3);
        TransactionsViewModel m = open(n);
        assertEquals(3, (int) onUi(() -> m.rows().size()));
        assertEquals("3 transactions", onUi(() -> m.summaryProperty().get()));
        TransactionRow oldest = row(2);
        assertEquals(WalletTxState.IMMATURE, oldest.state());
        assertEquals(3, oldest.confirmations());
        assertEquals("Immature, 97 blocks to go", oldest.stateText(), "block 1's reward matures at 100");
        assertEquals(ChainParams.REGTEST.subsidy(1), oldest.amount());

        DesktopWallets.mine(n, DesktopWallets.someoneElse(), 2);
        waitOnUi("two more confirmations", () -> oldest.confirmations() == 5);
        assertEquals("Immature, 95 blocks to go", onUi(oldest::stateText));
        assertSame(oldest, onUi(() -> m.allRows().get(2)), "updated in place, not reloaded");

        DesktopWallets.mine(n, DesktopWallets.someoneElse(), 95);
        waitOnUi("block 1's reward to mature", () -> oldest.state() == WalletTxState.MINED);
        assertEquals("Mined", onUi(oldest::stateText));
        assertEquals(WalletTxState.IMMATURE, onUi(() -> m.allRows().get(0).state()), "block 3's has 2 to go");
        assertEquals(n.services().wallet().history().stream().map(r -> r.state() + "/" + r.confirmations()).toList(),
                onUi(() -> m.allRows().stream().map(r -> r.state() + "/" + r.confirmations()).toList()),
                "the rows agree with the wallet after 97 blocks of events");
    }

    @Test
    void filtersByLabelTxidAddressAndState() throws Exception {
        Node n = DesktopWallets.start(dir);
        String rent = n.services().wallet().newAddress("rent").address();
        DesktopWallets.mine(n, Address.parse(rent, ChainParams.REGTEST.addressPrefix()).keyHash(), 1);
        DesktopWallets.mineToWallet(n, 2);
        TransactionsViewModel m = open(n);
        assertEquals(3, (int) onUi(() -> m.rows().size()));

        run(() -> m.filterTextProperty().set("RENT"));
        assertEquals(1, (int) onUi(() -> m.rows().size()), "a label, whatever the case");
        assertEquals("1 of 3 transactions", onUi(() -> m.summaryProperty().get()));
        run(() -> m.filterTextProperty().set(rent.substring(3, 20)));
        assertEquals(List.of("rent"), onUi(() -> m.rows().stream().map(TransactionRow::label).toList()),
                "an address it pays");
        String txid = row(0).txidHex();
        run(() -> m.filterTextProperty().set(txid.substring(10, 30)));
        assertEquals(txid, row(0).txidHex());
        run(() -> m.filterTextProperty().set("nothing like this"));
        assertEquals(0, (int) onUi(() -> m.rows().size()));
        assertEquals(TransactionsViewModel.NOTHING_MATCHES, onUi(() -> m.emptyTextProperty().get()));

        run(() -> {
            m.filterTextProperty().set("");
            m.stateFilterProperty().set(StateFilter.MINED);
        });
        assertEquals(0, (int) onUi(() -> m.rows().size()));
        run(() -> m.stateFilterProperty().set(StateFilter.IMMATURE));
        assertEquals(3, (int) onUi(() -> m.rows().size()));
    }

    @Test
    void aLabelEditedInPlacePersistsAndARefusedOneIsRevertedWithTheReason() throws Exception {
        Node n = DesktopWallets.start(dir);
        DesktopWallets.mineToWallet(n, 1);
        TransactionsViewModel m = open(n);
        TransactionRow r = row(0);
        run(() -> m.setLabel(r, "First block"));
        waitOnUi("the label saved", () -> "Label saved.".equals(m.messageProperty().get()));
        assertEquals("First block", n.services().wallet().transaction(r.txid()).orElseThrow().label());
        assertEquals("First block", onUi(r::label));

        run(() -> m.setLabel(r, "x".repeat(500)));
        waitOnUi("the refusal", () -> m.messageProperty().get().startsWith("The label was not saved: "));
        assertEquals("First block", onUi(r::label));
        assertEquals("First block", n.services().wallet().transaction(r.txid()).orElseThrow().label());
    }

    @Test
    void detailsOpenTheExplorerAndTheExportSaysHowManyItSaved() throws Exception {
        Node n = DesktopWallets.start(dir);
        DesktopWallets.mineToWallet(n, 2);
        TransactionsViewModel m = open(n);
        run(() -> m.showDetails(m.rows().get(0)));
        assertEquals(List.of(row(0).txidHex()), explored);

        Path file = exports.resolve("history.csv");
        run(() -> m.exportCsv(file));
        waitOnUi("the export", () -> m.messageProperty().get().startsWith("Saved "));
        assertEquals("Saved 2 transactions to " + file.toAbsolutePath(), onUi(() -> m.messageProperty().get()));
        assertEquals(3, CsvExportTest.parse(Files.readString(file)).size());

        String newest = row(0).txidHex();
        run(() -> m.filterTextProperty().set(newest));
        run(() -> m.exportCsv(file));
        waitOnUi("the filtered export", () -> m.messageProperty().get().contains("those the filter shows"));
        assertEquals(2, CsvExportTest.parse(Files.readString(file)).size());

        Path nowhere = exports.resolve("missing folder").resolve("history.csv");
        run(() -> m.exportCsv(nowhere));
        waitOnUi("the failure", () -> m.messageProperty().get().startsWith("The transactions were not saved to "));
    }

    @Test
    void withoutAWalletTheScreenOffersToMakeOne() throws Exception {
        TransactionsViewModel m = open(Node.start(NodeConfig.regtest(dir).withRpcPort(NodeConfig.OFF)));
        assertTrue(onUi(() -> m.walletMissingProperty().get()));
        assertEquals(0, (int) onUi(() -> m.rows().size()));
    }
}
