package org.peerchain.ui.send;

import org.peerchain.testing.FxClicks;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atlantafx.base.theme.PrimerLight;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.consensus.ChainParams;
import org.peerchain.core.Hash;
import org.peerchain.node.TwoNodes;
import org.peerchain.ui.fx.Formats;
import org.peerchain.ui.fx.FxDispatcher;
import org.peerchain.ui.fx.Navigator;
import org.peerchain.ui.fx.ScreenContext;
import org.peerchain.ui.fx.ScreenId;
import org.testfx.framework.junit5.ApplicationTest;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Send screen on real regtest nodes, driven by typing and clicks: node "a" holds a funded, locked wallet and
 * the screen; node "b", connected to it, holds the receiver's wallet.
 */
@Timeout(180)
class SendScreenTest extends ApplicationTest {
    private static final long WAIT_SECONDS = 30;
    private static final int MATURE_REWARDS = 2;

    @TempDir
    Path dir;
    @RegisterExtension
    final TwoNodes net = new TwoNodes(() -> dir);

    private final List<String> explored = new CopyOnWriteArrayList<>();
    private org.peerchain.node.Node a;
    private org.peerchain.node.Node b;
    private SendScreen screen;

    @Override
    public void start(Stage stage) throws Exception {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        FundedWallets.makeWallet(dir.resolve("a"));
        FundedWallets.makeWallet(dir.resolve("b"));
        a = net.a();
        b = net.bDialling(a);
        FundedWallets.fund(a, MATURE_REWARDS);
        Navigator navigator = new Navigator() {
            @Override
            public void open(ScreenId id) {
            }

            @Override
            public void explore(String query) {
                explored.add(query);
            }
        };
        screen = new SendScreen(new ScreenContext(a.services(), new FxDispatcher(), navigator), () -> { });
        stage.setScene(new Scene(screen.view(), 820, 780));
        stage.sizeToScene(); // the shared test stage may keep an earlier test's size
        stage.show();
        screen.activate();
    }

    @Override
    public void stop() {
        screen.deactivate();
    }

    private static void waitFor(String what, Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, condition);
        } catch (TimeoutException e) {
            throw new AssertionError("timed out after " + WAIT_SECONDS + " s waiting for " + what, e);
        }
    }

    private String text(String query) {
        return lookup(query).queryAs(Label.class).getText();
    }

    private boolean showing(String query) {
        return lookup(query).tryQuery().map(Node::isVisible).orElse(false);
    }

    private void type(String field, String text) {
        TextField f = lookup(field).queryAs(TextField.class);
        interact(f::clear);
        clickOn(f).write(text);
    }

    /** The button called {@code text} in the dialog whose pane has id {@code dialog}. */
    private void press(String dialog, String text) {
        clickOn(lookup(dialog + " .button").match(n -> text.equals(((Button) n).getText())).queryButton());
    }

    private void waitUntilSpendable() throws Exception {
        long spendable = MATURE_REWARDS * ChainParams.REGTEST.subsidy(1);
        waitFor("the wallet's coins", () -> text(".send-available").equals("You can spend " + Formats.amount(spendable)));
    }

    @Test
    void anAddressWithOneCharacterChangedAndAnAmountAboveTheBalanceAreRefusedInWordsAndNothingIsSent()
            throws Exception {
        waitUntilSpendable();
        String good = b.services().wallet().newAddress("").address();
        type("#addressField", FundedWallets.typo(good));
        waitFor("the address check", () -> text("#addressStatus").contains("checksum does not match"));
        type("#amountField", "5000");
        String tooMuch = "Amount: more than the " + Formats.amount(MATURE_REWARDS * ChainParams.REGTEST.subsidy(1))
                + " you can spend";
        waitFor("the amount check", () -> tooMuch.equals(text("#amountProblem")));

        FxClicks.click(this, "#reviewButton");
        waitFor("the refusal", () -> showing("#formProblemLabel"));
        assertTrue(text("#formProblemLabel").contains("checksum does not match"), text("#formProblemLabel"));
        assertTrue(lookup("#reviewDialog").tryQuery().isEmpty(), "no confirmation is offered");
        assertEquals(0, a.mempool().size(), "nothing is sent");
    }

    @Test
    void aGoodSendOnALockedWalletAsksForThePasswordRefusesAWrongOneAndTheReceiverSeesIt() throws Exception {
        waitUntilSpendable();
        TwoNodes.await("the receiver to follow the chain", () -> b.chain().height() == a.chain().height());
        String to = b.services().wallet().newAddress("from A").address();
        type("#addressField", to);
        waitFor("the address check", () -> text("#addressStatus").equals("A valid regtest address"));
        type("#amountField", "1.5");
        FxClicks.click(this, "#nextBlockRadio");
        FxClicks.click(this, "#reviewButton");

        waitFor("the confirmation", () -> showing("#reviewDialog"));
        assertEquals(Formats.amount(150_000_000L + reviewFee()), text("#reviewTotal"));
        press("#reviewDialog", "Send");
        waitFor("the password to be asked", () -> showing("#passwordDialog"));
        FxClicks.click(this, "#passwordField").write("not the password");
        press("#passwordDialog", "Unlock and send");
        waitFor("the wrong password to be said", () -> showing("#passwordProblem")
                && "The wallet password is not right.".equals(text("#passwordProblem")));
        assertEquals(0, a.mempool().size());
        FxClicks.click(this, "#passwordField").write(new String(FundedWallets.PASSWORD));
        press("#passwordDialog", "Unlock and send");

        waitFor("the outcome", () -> text("#outcomeLabel").startsWith("Sent 1.50 PCH to "));
        Hash txid = screen.model().sentTxidProperty().get();
        assertTrue(text("#outcomeLabel").endsWith("; transaction " + Formats.shortHash(txid.toHex())));
        assertTrue(a.mempool().contains(txid), "the transaction waits in the sender's mempool");
        waitFor("the receiver's wallet to see the payment",
                () -> b.services().wallet().transaction(txid).isPresent());
        assertEquals(150_000_000L, b.services().wallet().transaction(txid).orElseThrow().amount());
        assertTrue(a.services().wallet().state().locked(), "the wallet stays locked");

        FxClicks.click(this, "#exploreLink");
        waitFor("the explorer to be asked", () -> !explored.isEmpty());
        assertEquals(txid.toHex(), explored.get(0));
    }

    private long reviewFee() {
        String total = text("#reviewTotal");
        long units = org.peerchain.ui.fx.AmountParser.parse(total.replace(" PCH", ""));
        return units - 150_000_000L;
    }

    @Test
    void aFeeRateFarAboveTheUsualIsConfirmedASecondTimeWithTheReason() throws Exception {
        waitUntilSpendable();
        type("#addressField", FundedWallets.elsewhere(ChainParams.REGTEST));
        waitFor("the address check", () -> text("#addressStatus").equals("A valid regtest address"));
        type("#amountField", "1");
        type("#customRateField", "5000");
        waitFor("the custom rate's fee", () -> text("#customFee").startsWith("fee "));

        FxClicks.click(this, "#reviewButton");
        waitFor("the confirmation", () -> showing("#reviewDialog"));
        press("#reviewDialog", "Send");
        waitFor("the second confirmation", () -> showing("#feeWarning"));
        String reason = lookup("#feeWarning .content").queryAs(Label.class).getText();
        assertTrue(reason.startsWith("The fee rate of 5,000 units/B is above 1,000 units/B"), reason);
        press("#feeWarning", "Cancel");
        waitFor("the send to be dropped", () -> "Nothing was sent.".equals(text("#outcomeLabel")));
        assertTrue(lookup("#passwordDialog").tryQuery().isEmpty(), "no password is asked for a send given up");
        assertEquals(0, a.mempool().size());
        assertEquals("1", lookup("#amountField").queryAs(TextField.class).getText(), "the form keeps what was typed");

        FxClicks.click(this, "#reviewButton");
        waitFor("the confirmation", () -> showing("#reviewDialog"));
        press("#reviewDialog", "Send");
        waitFor("the second confirmation", () -> showing("#feeWarning"));
        press("#feeWarning", "Send anyway");
        waitFor("the password to be asked", () -> showing("#passwordDialog"));
        FxClicks.click(this, "#passwordField").write(new String(FundedWallets.PASSWORD));
        press("#passwordDialog", "Unlock and send");
        waitFor("the outcome", () -> text("#outcomeLabel").startsWith("Sent 1.00 PCH to "));
        assertEquals(1, a.mempool().size());
    }
}
