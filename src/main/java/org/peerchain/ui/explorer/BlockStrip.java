package org.peerchain.ui.explorer;

import java.util.List;
import javafx.animation.FadeTransition;
import javafx.animation.ParallelTransition;
import javafx.animation.TranslateTransition;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.peerchain.node.api.BlockSummary;
import org.peerchain.ui.fx.Formats;

/** The strip of newest blocks across the explorer's top: a card per block; new blocks slide in from the left. */
final class BlockStrip {
    private static final Duration SLIDE = Duration.millis(350);
    private static final double SLIDE_FROM = -60;

    private final HBox strip;
    private final ExplorerViewModel model;
    private int shownTop = -1;

    BlockStrip(HBox strip, ExplorerViewModel model) {
        this.strip = strip;
        this.model = model;
        model.newest().addListener((ListChangeListener<BlockSummary>) c -> rebuild());
        model.nowProperty().addListener((obs, old, now) -> rebuild());
        rebuild();
    }

    private void rebuild() {
        List<BlockSummary> blocks = model.newest();
        strip.getChildren().clear();
        if (blocks.isEmpty()) {
            Label empty = new Label("No blocks yet");
            empty.getStyleClass().add("text-muted");
            strip.getChildren().add(empty);
            return;
        }
        int previousTop = shownTop;
        shownTop = blocks.get(0).height();
        ParallelTransition slide = new ParallelTransition();
        for (BlockSummary b : blocks) {
            VBox card = card(b);
            strip.getChildren().add(card);
            if (previousTop >= 0 && b.height() > previousTop) {
                TranslateTransition move = new TranslateTransition(SLIDE, card);
                move.setFromX(SLIDE_FROM);
                move.setToX(0);
                FadeTransition fade = new FadeTransition(SLIDE, card);
                fade.setFromValue(0);
                fade.setToValue(1);
                slide.getChildren().addAll(move, fade);
            }
        }
        slide.play();
    }

    private VBox card(BlockSummary b) {
        Label height = new Label(Formats.count(b.height()));
        height.getStyleClass().add("card-height");
        Label age = new Label(Formats.ago(b.time() * 1000, model.nowProperty().get()));
        age.getStyleClass().add("card-fact");
        Label txs = new Label(Formats.count(b.transactions()) + (b.transactions() == 1 ? " tx" : " txs"));
        txs.getStyleClass().add("card-fact");
        VBox card = new VBox(2, height, age, txs);
        card.getStyleClass().add("block-card");
        Tooltip.install(card, new Tooltip("Block " + Formats.count(b.height()) + "\n" + b.hash().toHex() + "\n"
                + Formats.dateTime(b.time()) + ", " + Formats.bytes(b.sizeBytes())));
        card.setOnMouseClicked(e -> model.openBlock(b.hash()));
        return card;
    }
}
