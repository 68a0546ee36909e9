package org.peerchain.ui.transactions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atlantafx.base.theme.PrimerLight;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.core.Amount;
import org.peerchain.core.Hash;
import org.peerchain.node.Node;
import org.peerchain.node.TwoNodes;
import org.peerchain.node.api.WalletService;
import org.peerchain.testing.DesktopWallets;
import org.peerchain.ui.fx.Formats;
import org.peerchain.ui.fx.FxDispatcher;
import org.peerchain.ui.fx.Navigator;
import org.peerchain.ui.fx.ScreenContext;
import org.peerchain.ui.fx.ScreenId;
import org.testfx.framework.junit5.ApplicationTest;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Transactions screen of the receiving wallet, on two real regtest nodes connected over loopback P2P: Alice (node
 * a) mines and pays Bob (node b), whose screen is shown at a narrow width.
 */
@Timeout(180)
class TransactionsScreenTest extends ApplicationTest {
    private static final long WAIT_SECONDS = 60;

    @TempDir
    static Path root;
    @TempDir
    static Path exports;

    private final List<String> explored = new CopyOnWriteArrayList<>();
    private TwoNodes net;
    private Node alice;
    private Node bob;
    private TransactionsScreen screen;

    @Override
    public void start(Stage stage) throws Exception {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        DesktopWallets.create(root.resolve("a"));
        DesktopWallets.create(root.resolve("b"));
        net = new TwoNodes(() -> root);
        alice = net.a();
        bob = net.bDialling(alice);
        Navigator navigator = new Navigator() {
            @Override
            public void open(ScreenId id) {
            }

            @Override
            public void explore(String query) {
                explored.add(query);
            }
        };
        screen = new TransactionsScreen(new ScreenContext(bob.services(), new FxDispatcher(), navigator), () -> {
        });
        stage.setScene(new Scene(screen.view(), 800, 600));
        stage.show();
        screen.activate();
    }

    @Override
    public void stop() {
        screen.deactivate();
        net.close();
    }

    private static void waitFor(String what, Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, condition);
        } catch (TimeoutException e) {
            throw new AssertionError("timed out after " + WAIT_SECONDS + " s waiting for " + what, e);
        }
    }

    @SuppressWarnings("unchecked")
    private TableView<TransactionRow> table() {
        return lookup("#table").queryAs(TableView.class);
    }

    /** The text the table shows in {@code column} for the transaction {@code txid}, or null when it is not shown. */
    private String cellText(Hash txid, String column) {
        return lookup(".table-cell").match(c -> {
            TableCell<?, ?> cell = (TableCell<?, ?>) c;
            Object item = cell.getTableRow() == null ? null : cell.getTableRow().getItem();
            return item instanceof TransactionRow r && r.txid().equals(txid) && cell.getTableColumn() != null
                    && column.equals(cell.getTableColumn().getText());
        }).tryQueryAs(TableCell.class).map(TableCell::getText).orElse(null);
    }

    private int indexOf(Hash txid) {
        List<TransactionRow> items = table().getItems();
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).txid().equals(txid)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    @SuppressWarnings("unchecked")
    void aPaymentFromAnotherWalletAppearsPendingThenConfirmedAndIsLabelledExportedAndExplored() throws Exception {
        waitFor("the peers to connect",
                () -> alice.network().connectionCount() > 0 && bob.network().connectionCount() > 0);
        assertEquals(TransactionsViewModel.NO_TRANSACTIONS, ((Label) table().getPlaceholder()).getText());
        DesktopWallets.fund(alice);
        waitFor("Bob to follow Alice's chain", () -> bob.chain().height() == alice.chain().height());

        WalletService bobsWallet = bob.services().wallet();
        String to = bobsWallet.newAddress("From Alice").address();
        Hash txid = DesktopWallets.pay(alice, to, Amount.coins(5));
        waitFor("the payment pending in Bob's table", () -> "Pending".equals(cellText(txid, "State")));
        // the row's cells are filled in the same pulse, but a lookup may catch the table between two of them
        waitFor("its amount and label", () -> "+5.00".equals(cellText(txid, "Amount"))
                && "From Alice".equals(cellText(txid, "Label")));
        waitFor("no confirmation yet", () -> "0".equals(cellText(txid, "Confirmations")));
        assertTrue(lookup(".amount-in").tryQuery().isPresent(), "money in is coloured as such");

        DesktopWallets.mine(alice, DesktopWallets.someoneElse(), 1);
        waitFor("the payment confirmed with one confirmation", () -> "Confirmed".equals(cellText(txid, "State"))
                && "1".equals(cellText(txid, "Confirmations")));
        DesktopWallets.mine(alice, DesktopWallets.someoneElse(), 1);
        waitFor("a second confirmation in place", () -> "2".equals(cellText(txid, "Confirmations")));

        // Bob pays some back, so that his history has a fee to export.
        Hash back = DesktopWallets.pay(bob, alice.services().wallet().newAddress("").address(), Amount.coins(1));
        waitFor("Bob's send in the table", () -> cellText(back, "Fee") != null && !cellText(back, "Fee").isEmpty());
        long fee = bobsWallet.transaction(back).orElseThrow().fee();
        assertTrue(fee > 0);
        assertEquals(Formats.signedCoins(-(Amount.coins(1) + fee)), cellText(back, "Amount"));
        assertEquals(Formats.coins(fee), cellText(back, "Fee"));

        // The label, edited in place.
        TableColumn<TransactionRow, String> labelColumn = (TableColumn<TransactionRow, String>) table().getColumns()
                .get(1);
        int row = indexOf(txid);
        interact(() -> table().edit(row, labelColumn));
        waitFor("the label editor", () -> lookup(".table-cell .text-field").tryQuery().isPresent());
        interact(() -> lookup(".table-cell .text-field").queryTextInputControl().setText("Rent for May"));
        type(KeyCode.ENTER);
        waitFor("the label saved in the wallet",
                () -> "Rent for May".equals(bobsWallet.transaction(txid).orElseThrow().label()));
        waitFor("the label saved said", () -> lookup("Label saved.").tryQuery().isPresent());

        // Export: the rows with their fee and label columns, read back as a spreadsheet would.
        Path file = exports.resolve("bob.csv");
        interact(() -> screen.model().exportCsv(file));
        int rows = table().getItems().size();
        waitFor("the export's outcome", () -> lookup("Saved " + rows + " transactions to " + file.toAbsolutePath())
                .tryQuery().isPresent());
        List<List<String>> records = CsvExportTest.parse(Files.readString(file));
        assertEquals(rows + 1, records.size());
        assertEquals(List.of("date", "txid", "label", "amount", "fee", "confirmations", "state"), records.get(0));
        List<String> received = records.stream().filter(r -> r.get(1).equals(txid.toHex())).findFirst().orElseThrow();
        assertEquals("Rent for May", received.get(2));
        assertEquals("5", received.get(3));
        assertEquals("0", received.get(4));
        assertEquals("Confirmed", received.get(6));
        List<String> sent = records.stream().filter(r -> r.get(1).equals(back.toHex())).findFirst().orElseThrow();
        assertEquals(Formats.plainCoins(fee), sent.get(4));
        assertEquals(Formats.plainCoins(-(Amount.coins(1) + fee)), sent.get(3));

        // Details: a double click on the row opens the explorer on it.
        int shown = indexOf(txid);
        TableCell<?, ?> date = lookup(".table-cell").match(c -> ((TableCell<?, ?>) c).getIndex() == shown
                && ((TableCell<?, ?>) c).getTableColumn() != null
                && "Date".equals(((TableCell<?, ?>) c).getTableColumn().getText())).queryAs(TableCell.class);
        doubleClickOn(date);
        waitFor("the explorer asked for the payment", () -> explored.contains(txid.toHex()));
    }
}
