package org.peerchain.ui.explorer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerchain.testing.OnFx.onFx;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javafx.beans.property.SimpleLongProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.peerchain.core.Hash;
import org.peerchain.node.api.BlockSummary;
import org.testfx.framework.junit5.ApplicationTest;

/**
 * The strip shows the newest blocks, newest first; when the tip jumps, the cards of the blocks that left show the
 * blocks that came, so no card is made anew; a click on a card opens the block it shows now.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BlockStripTest extends ApplicationTest {
    private static final int SHOWN = 8;
    private final ObservableList<BlockSummary> newest = FXCollections.observableArrayList();
    private final SimpleLongProperty now = new SimpleLongProperty(1_800_000_000_000L);
    private final List<Hash> opened = new ArrayList<>();
    private HBox row;
    private BlockStrip strip;

    @Override
    public void start(Stage stage) {
        row = new HBox();
        strip = new BlockStrip(row, SHOWN, newest, now, opened::add);
        stage.setScene(new Scene(row, 900, 120));
        stage.show();
    }

    private static List<BlockSummary> tipAt(int top) {
        List<BlockSummary> blocks = new ArrayList<>();
        for (int h = top; h > top - SHOWN; h--) {
            blocks.add(new BlockSummary(h, Hash.sha256d(new byte[] {(byte) h, (byte) (h >> 8)}), 1_800_000_000L - 60L * (top - h),
                    1, 250, 1.0));
        }
        return blocks;
    }

    private List<Node> cardsShown() {
        return onFx(() -> row.getChildren().stream()
                .filter(n -> n.isVisible() && n.getStyleClass().contains("block-card")).toList());
    }

    private List<String> heightsShown() {
        return onFx(() -> cardsShown().stream().map(n -> ((Label) n.lookup(".card-height")).getText()).toList());
    }

    @Test
    void theCardsAreMadeWithTheStripAndAJumpOfTheTipShowsTheNewBlocksInThem() {
        assertEquals(SHOWN, onFx(strip::cardsMade), "made before any block comes (styled with the screen)");
        Set<Node> children = onFx(() -> new HashSet<>(row.getChildren()));

        onFx(() -> newest.setAll(tipAt(100)));
        assertEquals(List.of("100", "99", "98", "97", "96", "95", "94", "93"), heightsShown());
        onFx(() -> newest.setAll(tipAt(1_000)));

        assertEquals(List.of("1,000", "999", "998", "997", "996", "995", "994", "993"), heightsShown());
        assertEquals(SHOWN, onFx(strip::cardsMade), "no card made anew");
        assertEquals(children, onFx(() -> new HashSet<>(row.getChildren())),
                "the strip holds the same nodes throughout: none is taken out and styled again");
    }

    @Test
    void aBlockThatStaysKeepsItsCardAndANewOneTakesTheCardOfTheBlockThatLeft() {
        onFx(() -> newest.setAll(tipAt(100)));
        Node card99 = cardsShown().get(1);
        Node card93 = cardsShown().get(SHOWN - 1);

        onFx(() -> newest.setAll(tipAt(101)));

        assertEquals("101", heightsShown().get(0));
        assertTrue(cardsShown().get(2) == card99, "block 99 keeps its card, one place along");
        assertTrue(cardsShown().get(0) == card93, "block 101 shows in the card block 93 left");
        assertEquals(SHOWN, onFx(strip::cardsMade));
    }

    @Test
    void aShortChainHidesTheCardsItDoesNotNeedAndALongerStripMakesMore() {
        onFx(() -> newest.setAll(tipAt(100).subList(0, 3)));
        assertEquals(List.of("100", "99", "98"), heightsShown());

        List<BlockSummary> ten = new ArrayList<>(tipAt(110));
        ten.addAll(tipAt(102).subList(0, 2));
        onFx(() -> newest.setAll(ten));
        assertEquals(10, heightsShown().size());
        assertEquals(10, onFx(strip::cardsMade));
    }

    @Test
    void aClickOnARecycledCardOpensTheBlockItShowsNow() {
        onFx(() -> newest.setAll(tipAt(100)));
        onFx(() -> newest.setAll(tipAt(500)));

        clickOn(cardsShown().get(0));

        assertEquals(List.of(tipAt(500).get(0).hash()), opened);
    }

    @Test
    void anEmptyChainSaysSo() {
        onFx(() -> newest.setAll(tipAt(100)));
        onFx(() -> {
            newest.clear();
            return null;
        });
        assertTrue(cardsShown().isEmpty());
        assertEquals(List.of("No blocks yet"), onFx(() -> row.getChildren().stream()
                .filter(n -> n.isVisible() && n instanceof Label).map(n -> ((Label) n).getText()).toList()));
    }
}
