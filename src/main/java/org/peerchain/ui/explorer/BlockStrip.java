package org.peerchain.ui.explorer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.animation.FadeTransition;
import javafx.animation.ParallelTransition;
import javafx.animation.TranslateTransition;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.peerchain.core.Hash;
import org.peerchain.node.api.BlockSummary;
import org.peerchain.ui.fx.Formats;

/**
 * The strip of newest blocks across the explorer's top: a card per block; new blocks slide in from the left. A card is
 * made once per block and kept while the block stays in the strip (only its age changes), so a sync that moves the
 * tip hundreds of times a second costs the FX thread a few new cards, not a new strip; a jump of many blocks at once
 * appears without the slide.
 */
final class BlockStrip {
    private static final Duration SLIDE = Duration.millis(350);
    private static final double SLIDE_FROM = -60;
    /** More new blocks than this at once (a sync) appear without sliding in. */
    private static final int SLIDE_AT_MOST = 2;

    private record Card(VBox box, Label age, BlockSummary block) {
    }

    private final HBox strip;
    private final ExplorerViewModel model;
    private Map<Hash, Card> cards = new HashMap<>();
    private int shownTop = -1;

    BlockStrip(HBox strip, ExplorerViewModel model) {
        this.strip = strip;
        this.model = model;
        model.newest().addListener((ListChangeListener<BlockSummary>) c -> rebuild());
        model.nowProperty().addListener((obs, old, now) -> showAges());
        rebuild();
    }

    private void rebuild() {
        List<BlockSummary> blocks = model.newest();
        if (blocks.isEmpty()) {
            cards = new HashMap<>();
            shownTop = -1;
            Label empty = new Label("No blocks yet");
            empty.getStyleClass().add("text-muted");
            strip.getChildren().setAll(empty);
            return;
        }
        int previousTop = shownTop;
        shownTop = blocks.get(0).height();
        Map<Hash, Card> next = new HashMap<>();
        List<javafx.scene.Node> boxes = new ArrayList<>(blocks.size());
        List<Card> fresh = new ArrayList<>();
        for (BlockSummary b : blocks) {
            Card c = cards.get(b.hash());
            if (c == null) {
                c = card(b);
                if (previousTop >= 0 && b.height() > previousTop) {
                    fresh.add(c);
                }
            }
            next.put(b.hash(), c);
            boxes.add(c.box());
        }
        cards = next;
        if (!strip.getChildren().equals(boxes)) {
            strip.getChildren().setAll(boxes);
        }
        showAges();
        if (!fresh.isEmpty() && fresh.size() <= SLIDE_AT_MOST) {
            slideIn(fresh);
        }
    }

    private static void slideIn(List<Card> fresh) {
        ParallelTransition slide = new ParallelTransition();
        for (Card c : fresh) {
            TranslateTransition move = new TranslateTransition(SLIDE, c.box());
            move.setFromX(SLIDE_FROM);
            move.setToX(0);
            FadeTransition fade = new FadeTransition(SLIDE, c.box());
            fade.setFromValue(0);
            fade.setToValue(1);
            slide.getChildren().addAll(move, fade);
        }
        slide.play();
    }

    private void showAges() {
        long now = model.nowProperty().get();
        for (Card c : cards.values()) {
            String age = Formats.ago(c.block().time() * 1000, now);
            if (!age.equals(c.age().getText())) {
                c.age().setText(age);
            }
        }
    }

    private Card card(BlockSummary b) {
        Label height = new Label(Formats.count(b.height()));
        height.getStyleClass().add("card-height");
        Label age = new Label();
        age.getStyleClass().add("card-fact");
        Label txs = new Label(Formats.count(b.transactions()) + (b.transactions() == 1 ? " tx" : " txs"));
        txs.getStyleClass().add("card-fact");
        VBox card = new VBox(2, height, age, txs);
        card.getStyleClass().add("block-card");
        Tooltip.install(card, new Tooltip("Block " + Formats.count(b.height()) + "\n" + b.hash().toHex() + "\n"
                + Formats.dateTime(b.time()) + ", " + Formats.bytes(b.sizeBytes())));
        card.setOnMouseClicked(e -> model.openBlock(b.hash()));
        return new Card(card, age, b);
    }
}
