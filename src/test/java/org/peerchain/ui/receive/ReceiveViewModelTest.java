package org.peerchain.ui.receive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.Callable;
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
import org.peerchain.node.api.ReceiveAddress;
import org.peerchain.testing.DesktopWallets;
import org.peerchain.ui.fx.FxDispatcher;

/**
 * The Receive screen's view-model on a real regtest node with a wallet, without a stage: one thread plays the FX
 * thread (the dispatcher's and every call of the test), another the command thread.
 */
@Timeout(60)
class ReceiveViewModelTest {
    @TempDir
    Path dir;
    private Node node;
    private ReceiveViewModel model;

    private final ExecutorService uiThread = Executors.newSingleThreadExecutor();
    private final ExecutorService commands = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() throws Exception {
        if (model != null) {
            onUi(() -> {
                model.deactivate();
                return null;
            });
        }
        if (node != null) {
            node.close();
        }
        uiThread.shutdownNow();
        commands.shutdownNow();
    }

    private ReceiveViewModel open(Node n) throws Exception {
        node = n;
        model = new ReceiveViewModel(n.services(), new FxDispatcher(uiThread::execute), commands);
        onUi(() -> {
            model.activate();
            return null;
        });
        waitOnUi("the wallet's addresses", () -> !model.addressProperty().get().isEmpty()
                || model.walletMissingProperty().get());
        return model;
    }

    private <T> T onUi(Callable<T> read) throws Exception {
        return uiThread.submit(read).get(10, TimeUnit.SECONDS);
    }

    private void run(Runnable action) throws Exception {
        uiThread.submit(action).get(10, TimeUnit.SECONDS);
    }

    private void waitOnUi(String what, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!onUi(condition)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    private ReceiveAddress inWallet(String address) throws Exception {
        return node.services().wallet().receiveAddresses(0).stream().filter(a -> a.address().equals(address))
                .findFirst().orElseThrow();
    }

    @Test
    void showsAFreshAddressWhoseRequestFollowsTheLabelAndAmountTyped() throws Exception {
        ReceiveViewModel m = open(DesktopWallets.start(dir));
        String address = onUi(() -> m.addressProperty().get());
        assertEquals("peerchain:" + address, onUi(() -> m.uriProperty().get()));
        assertEquals(1, (int) onUi(() -> m.addresses().size()));

        run(() -> {
            m.labelProperty().set("Rent for May");
            m.amountTextProperty().set("1.5");
        });
        assertEquals("peerchain:" + address + "?amount=1.5&label=Rent%20for%20May", onUi(() -> m.uriProperty().get()));
        run(() -> m.amountTextProperty().set("1.2.3"));
        assertEquals("Amount: 1.2.3 is not a number", onUi(() -> m.amountErrorProperty().get()));
        assertEquals("peerchain:" + address + "?label=Rent%20for%20May", onUi(() -> m.uriProperty().get()),
                "a wrong amount is left out of the request");
        run(() -> m.amountTextProperty().set(""));
        assertEquals("", onUi(() -> m.amountErrorProperty().get()));

        run(m::saveLabel);
        waitOnUi("the label saved", () -> "Label saved.".equals(m.messageProperty().get()));
        assertEquals("Rent for May", inWallet(address).label());
        assertEquals("Rent for May", onUi(() -> m.addresses().get(0).label()));
    }

    @Test
    void reopeningShowsTheSameUnusedAddressInsteadOfHandingOutAnother() throws Exception {
        ReceiveViewModel first = open(DesktopWallets.start(dir));
        String address = onUi(() -> first.addressProperty().get());
        run(first::deactivate);
        model = null;
        ReceiveViewModel again = open(node);
        assertEquals(address, onUi(() -> again.addressProperty().get()));
        assertEquals(1, node.services().wallet().receiveAddresses(0).size());
    }

    @Test
    void aNewAddressTakesTheLabelTypedAndGoesToTheTopOfTheList() throws Exception {
        ReceiveViewModel m = open(DesktopWallets.start(dir));
        String first = onUi(() -> m.addressProperty().get());
        run(() -> {
            m.labelProperty().set("Bike from Anna");
            m.newAddress();
        });
        waitOnUi("the new address", () -> !m.addressProperty().get().equals(first));
        String second = onUi(() -> m.addressProperty().get());
        assertEquals("Bike from Anna", inWallet(second).label());
        assertEquals("", inWallet(first).label(), "the typed label went to the new address only");
        assertEquals(second, onUi(() -> m.addresses().get(0).address()));
        assertEquals(2, (int) onUi(() -> m.addresses().size()));
        assertEquals("A new address for Bike from Anna is ready.", onUi(() -> m.messageProperty().get()));
        assertEquals("peerchain:" + second + "?label=Bike%20from%20Anna", onUi(() -> m.uriProperty().get()));
    }

    @Test
    void choosingAnEarlierAddressShowsItsRequestAndRelabellingItPersistsOrIsRevertedWithTheReason()
            throws Exception {
        ReceiveViewModel m = open(DesktopWallets.start(dir));
        String first = onUi(() -> m.addressProperty().get());
        run(m::newAddress);
        waitOnUi("the new address", () -> m.addresses().size() == 2 && !m.addressProperty().get().equals(first));
        ReceiveAddressRow older = onUi(() -> m.addresses().get(1));
        run(() -> m.show(older));
        assertEquals(older.address(), onUi(() -> m.addressProperty().get()));

        run(() -> m.relabel(older, "Salary"));
        waitOnUi("the label saved", () -> "Label saved.".equals(m.messageProperty().get()));
        assertEquals("Salary", inWallet(older.address()).label());
        assertEquals("Salary", onUi(() -> m.labelProperty().get()), "the shown address's label field follows");
        assertEquals("peerchain:" + older.address() + "?label=Salary", onUi(() -> m.uriProperty().get()));

        run(() -> m.relabel(older, "x".repeat(500)));
        waitOnUi("the refusal", () -> m.messageProperty().get().startsWith("The label was not saved: "));
        assertEquals("Salary", onUi(older::label), "a refused label is reverted");
        assertEquals("Salary", onUi(() -> m.labelProperty().get()));
        assertEquals("Salary", inWallet(older.address()).label());
    }

    @Test
    void aPaymentToAnAddressUpdatesItsTotalAndConfirmationsLive() throws Exception {
        ReceiveViewModel m = open(DesktopWallets.start(dir));
        ReceiveAddressRow row = onUi(() -> m.addresses().get(0));
        var keyHash = Address.parse(row.address(), ChainParams.REGTEST.addressPrefix()).keyHash();
        DesktopWallets.mine(node, keyHash, 1);
        long reward = ChainParams.REGTEST.subsidy(1);
        waitOnUi("the reward in the list", () -> row.receivedProperty().get() == reward
                && row.confirmationsProperty().get() == 1);
        DesktopWallets.mine(node, DesktopWallets.someoneElse(), 2);
        waitOnUi("three confirmations", () -> row.confirmationsProperty().get() == 3);
        assertEquals(1, (int) onUi(() -> row.transactionsProperty().get()));
        assertEquals(1, (int) onUi(() -> m.addresses().size()), "paid addresses are updated, not added again");
    }

    @Test
    void withoutAWalletTheScreenOffersToMakeOne() throws Exception {
        ReceiveViewModel m = open(Node.start(NodeConfig.regtest(dir).withRpcPort(NodeConfig.OFF)));
        assertTrue(onUi(() -> m.walletMissingProperty().get()));
        run(m::newAddress);
        assertEquals("", onUi(() -> m.addressProperty().get()), "nothing to hand out without a wallet");
        assertFalse(onUi(() -> m.busyProperty().get()));
    }
}
