package org.peerchain.ui.explorer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import javafx.animation.FadeTransition;
import javafx.animation.ParallelTransition;
import javafx.animation.TranslateTransition;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.peerchain.core.Hash;
import org.peerchain.node.api.BlockSummary;
import org.peerchain.ui.fx.Formats;

/**
 * The strip of newest blocks across the explorer's top: a card per block; new blocks slide in from the left.
 *
 * <p>The strip holds a fixed set of cards, made with it (so they are styled with the screen, off the FX thread) and
 * never taken out: a card stays with its block while the block stays in the strip (only its age changes), the card of
 * a block that leaves shows one that comes in, and cards with no block are hidden. While a sync or a regtest miner
 * moves the tip many blocks at a time, every card gets new words, but none is made anew or styled again (the strip's
 * children are only reordered; a card taken out and put back, or a new one, cost the FX thread a styling of its own).
 */
final class BlockStrip {
    private static final Duration SLIDE = Duration.millis(350);
    private static final double SLIDE_FROM = -60;
    /** More new blocks than this at once (a sync) appear without sliding in. */
    private static final int SLIDE_AT_MOST = 2;

    /** A card and the block it shows now (none while hidden). */
    private final class Card {
        final VBox box;
        final Label height = new Label();
        final Label age = new Label();
        final Label txs = new Label();
        final Tooltip tip = new Tooltip();
        BlockSummary block;

        Card() {
            height.getStyleClass().add("card-height");
            age.getStyleClass().add("card-fact");
            txs.getStyleClass().add("card-fact");
            box = new VBox(2, height, age, txs);
            box.getStyleClass().add("block-card");
            Tooltip.install(box, tip);
            box.setOnMouseClicked(e -> {
                if (block != null) {
                    open.accept(block.hash());
                }
            });
            hide();
        }

        void show(BlockSummary b) {
            block = b;
            height.setText(Formats.count(b.height()));
            age.setText("");
            txs.setText(Formats.count(b.transactions()) + (b.transactions() == 1 ? " tx" : " txs"));
            tip.setText("Block " + Formats.count(b.height()) + "\n" + b.hash().toHex() + "\n"
                    + Formats.dateTime(b.time()) + ", " + Formats.bytes(b.sizeBytes()));
            box.setVisible(true);
            box.setManaged(true);
        }

        void hide() {
            block = null;
            box.setVisible(false);
            box.setManaged(false);
        }
    }

    private final HBox strip;
    private final ObservableList<BlockSummary> newest;
    private final ReadOnlyLongProperty now;
    private final Consumer<Hash> open;
    private final Label empty = new Label("No blocks yet");
    private final List<Card> all = new ArrayList<>();
    /** The cards showing a block, by the block's hash. */
    private Map<Hash, Card> cards = new HashMap<>();
    private int shownTop = -1;

    /**
     * @param cardCount how many cards to make ahead (as many as the newest blocks shown; more are made if needed)
     * @param newest the newest blocks, newest first
     * @param now the time the ages are counted to (epoch milliseconds)
     * @param open opens a block whose card was clicked
     */
    BlockStrip(HBox strip, int cardCount, ObservableList<BlockSummary> newest, ReadOnlyLongProperty now,
            Consumer<Hash> open) {
        this.strip = strip;
        this.newest = newest;
        this.now = now;
        this.open = open;
        empty.getStyleClass().add("text-muted");
        for (int i = 0; i < cardCount; i++) {
            all.add(new Card());
        }
        newest.addListener((ListChangeListener<BlockSummary>) c -> rebuild());
        now.addListener((obs, old, t) -> showAges());
        rebuild();
    }

    private void rebuild() {
        List<BlockSummary> blocks = List.copyOf(newest);
        int previousTop = shownTop;
        shownTop = blocks.isEmpty() ? -1 : blocks.get(0).height();
        Set<Hash> staying = new HashSet<>();
        blocks.forEach(b -> staying.add(b.hash()));
        Deque<Card> spare = new ArrayDeque<>();
        for (Card c : all) {
            if (c.block == null || !staying.contains(c.block.hash())) {
                spare.add(c);
            }
        }
        Map<Hash, Card> next = new HashMap<>();
        List<javafx.scene.Node> order = new ArrayList<>(all.size() + 1);
        List<Card> fresh = new ArrayList<>();
        for (BlockSummary b : blocks) {
            Card c = cards.get(b.hash());
            if (c == null) {
                c = spare.isEmpty() ? newCard() : spare.pop();
                c.show(b);
                if (previousTop >= 0 && b.height() > previousTop) {
                    fresh.add(c);
                }
            }
            next.put(b.hash(), c);
            order.add(c.box);
        }
        for (Card c : spare) {
            c.hide();
            order.add(c.box);
        }
        cards = next;
        empty.setVisible(blocks.isEmpty());
        empty.setManaged(blocks.isEmpty());
        order.add(empty);
        if (!strip.getChildren().equals(order)) {
            strip.getChildren().setAll(order); // the same nodes in another order: nothing is styled again
        }
        showAges();
        if (!fresh.isEmpty() && fresh.size() <= SLIDE_AT_MOST) {
            slideIn(fresh);
        }
    }

    private Card newCard() {
        Card c = new Card();
        all.add(c);
        return c;
    }

    /** How many cards were ever made (tests). */
    int cardsMade() {
        return all.size();
    }

    private static void slideIn(List<Card> fresh) {
        ParallelTransition slide = new ParallelTransition();
        for (Card c : fresh) {
            TranslateTransition move = new TranslateTransition(SLIDE, c.box);
            move.setFromX(SLIDE_FROM);
            move.setToX(0);
            FadeTransition fade = new FadeTransition(SLIDE, c.box);
            fade.setFromValue(0);
            fade.setToValue(1);
            slide.getChildren().addAll(move, fade);
        }
        slide.play();
    }

    private void showAges() {
        long t = now.get();
        for (Card c : cards.values()) { // the cards showing a block
            String age = Formats.ago(c.block.time() * 1000, t);
            if (!age.equals(c.age.getText())) {
                c.age.setText(age);
            }
        }
    }
}
