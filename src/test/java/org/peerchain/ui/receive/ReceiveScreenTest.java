package org.peerchain.ui.receive;

import org.peerchain.testing.FxClicks;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atlantafx.base.theme.PrimerDark;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.Clipboard;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.node.Node;
import org.peerchain.testing.DesktopWallets;
import org.peerchain.ui.fx.FxDispatcher;
import org.peerchain.ui.fx.Navigator;
import org.peerchain.ui.fx.ScreenContext;
import org.peerchain.ui.fx.ScreenId;
import org.testfx.framework.junit5.ApplicationTest;
import org.testfx.util.WaitForAsyncUtils;

/** The Receive screen on a real regtest node with a wallet, in the dark theme at a narrow width, driven by typing. */
@Timeout(120)
class ReceiveScreenTest extends ApplicationTest {
    private static final long WAIT_SECONDS = 30;

    @TempDir
    static Path dataDir;

    /** Each test's node gets its own directory under the class's one. */
    private static final AtomicInteger RUNS = new AtomicInteger();
    private final AtomicInteger wantedAWallet = new AtomicInteger();
    private Node node;
    private ReceiveScreen screen;

    @Override
    public void start(Stage stage) throws Exception {
        // Dark, to prove that the code stays dark on white whatever the theme.
        Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet());
        node = DesktopWallets.start(dataDir.resolve("run" + RUNS.incrementAndGet()));
        Navigator navigator = new Navigator() {
            @Override
            public void open(ScreenId id) {
            }

            @Override
            public void explore(String query) {
            }
        };
        screen = new ReceiveScreen(new ScreenContext(node.services(), new FxDispatcher(), navigator),
                wantedAWallet::incrementAndGet);
        stage.setScene(new Scene(screen.view(), 800, 720));
        stage.show();
        screen.activate();
    }

    @Override
    public void stop() {
        screen.deactivate();
        node.close();
    }

    private static void waitFor(String what, Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, condition);
        } catch (TimeoutException e) {
            throw new AssertionError("timed out after " + WAIT_SECONDS + " s waiting for " + what, e);
        }
    }

    private String field(String id) {
        return lookup(id).queryTextInputControl().getText();
    }

    /** Reads the QR code back from the pixels drawn on screen, as a phone's camera would. */
    private String decodeShownQr() throws Exception {
        WritableImage image = WaitForAsyncUtils.asyncFx(() -> screen.controller().qrView().snapshot(null, null))
                .get(10, TimeUnit.SECONDS);
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] argb = new int[w * h];
        PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                argb[y * w + x] = pixels.getArgb(x, y);
            }
        }
        assertEquals(Color.WHITE, pixels.getColor(0, 0), "the quiet zone is white in the dark theme too");
        // The snapshot is the code alone (a "pure barcode"). Without saying so, ZXing's finder-pattern search misses
        // about 1 code in 100 drawn perfectly (19 of 2,000 random addresses at 5 pixels a module); with it, none.
        return new MultiFormatReader().decode(new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(w, h, argb))),
                Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE)).getText();
    }

    @Test
    void theQrCodeDecodesToExactlyTheRequestShownAsTheLabelAndAmountAreTyped() throws Exception {
        waitFor("a fresh address", () -> !field("#addressField").isEmpty());
        String address = field("#addressField");
        assertEquals("peerchain:" + address, field("#uriField"));
        assertEquals(field("#uriField"), decodeShownQr());

        FxClicks.click(this, "#labelField").write("Rent for May & June");
        FxClicks.click(this, "#amountField").write("12.5");
        String expected = "peerchain:" + address + "?amount=12.5&label=Rent%20for%20May%20%26%20June";
        waitFor("the request with amount and label", () -> expected.equals(field("#uriField")));
        assertEquals(expected, decodeShownQr());

        FxClicks.click(this, "#amountField").push(javafx.scene.input.KeyCode.END).write("x");
        waitFor("the amount's error", () -> lookup("Amount: 12.5x is not a number").tryQuery().isPresent());
        assertEquals(field("#uriField"), decodeShownQr(), "the code still shows what the request field says");

        FxClicks.click(this, "#copyUriButton");
        String copied = WaitForAsyncUtils.asyncFx(() -> Clipboard.getSystemClipboard().getString())
                .get(10, TimeUnit.SECONDS);
        assertEquals(field("#uriField"), copied);
        FxClicks.click(this, "#copyAddressButton");
        assertEquals(address, WaitForAsyncUtils.asyncFx(() -> Clipboard.getSystemClipboard().getString())
                .get(10, TimeUnit.SECONDS));
        assertTrue(lookup("The address copied to the clipboard.").tryQuery().isPresent());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aNewAddressJoinsTheListAndChoosingAnEarlierOneShowsItsCode() throws Exception {
        waitFor("a fresh address", () -> !field("#addressField").isEmpty());
        String first = field("#addressField");
        FxClicks.click(this, "#labelField").write("Bike");
        FxClicks.click(this, "#newAddressButton");
        waitFor("the second address", () -> !field("#addressField").equals(first));
        String second = field("#addressField");
        TableView<ReceiveAddressRow> table = lookup("#addressTable").queryAs(TableView.class);
        waitFor("both in the list", () -> table.getItems().size() == 2);
        assertEquals(second, table.getItems().get(0).address());
        assertEquals("Bike", table.getItems().get(0).label());
        assertEquals("peerchain:" + second + "?label=Bike", decodeShownQr());

        interact(() -> table.getSelectionModel().select(1));
        waitFor("the earlier address shown", () -> first.equals(field("#addressField")));
        assertEquals("peerchain:" + first, decodeShownQr());
        assertEquals(0, wantedAWallet.get());
    }
}
