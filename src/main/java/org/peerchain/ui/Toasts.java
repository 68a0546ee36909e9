package org.peerchain.ui;

import javafx.animation.FadeTransition;
import javafx.animation.PauseTransition;
import javafx.animation.SequentialTransition;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Notices as cards in the window's bottom-right corner, over the screens: each fades in, stays a while and fades
 * out; a click on it or on its close button dismisses it; at most {@link #MAX_SHOWN} show at once, the oldest going
 * first.
 *
 * <p>The cards are part of the window, not windows of their own: a pop-up window was made, styled from cold caches
 * and drawn anew for every notice (150-240 ms of the FX thread for the first on two busy cores, {@code bench ui}),
 * and stayed put when the window moved.
 */
final class Toasts {
    static final int MAX_SHOWN = 3;
    private static final Duration FADE_IN = Duration.millis(200);
    private static final Duration FADE_OUT = Duration.millis(400);

    private final VBox layer;
    private final Duration shownFor;

    /**
     * @param layer where the cards go: a box in the window's corner over the screens, no larger than its cards
     * @param shownFor how long a card stays before it fades out
     */
    Toasts(VBox layer, Duration shownFor) {
        this.layer = layer;
        this.shownFor = shownFor;
    }

    /** A notice's card and its close button. */
    record Card(HBox view, Button close) {
    }

    /** A card with a title, a text and an icon. */
    static Card card(String title, String text, Node icon) {
        Label heading = new Label(title);
        heading.getStyleClass().add("toast-title");
        Label body = new Label(text);
        body.getStyleClass().add("toast-text");
        body.setWrapText(true);
        VBox words = new VBox(2, heading, body);
        HBox.setHgrow(words, Priority.ALWAYS);
        Button close = new Button(null, new FontIcon("mdi2c-close"));
        close.getStyleClass().addAll("toast-close", "flat");
        close.setFocusTraversable(false);
        HBox view = new HBox(icon, words, close);
        view.getStyleClass().add("toast");
        return new Card(view, close);
    }


    /** Shows {@code c} (built by {@link #card}) at the bottom of the corner; call on the FX thread. */
    void show(Card c) {
        HBox card = c.view();
        while (layer.getChildren().size() >= MAX_SHOWN) {
            layer.getChildren().remove(0);
        }
        card.setOpacity(0);
        layer.getChildren().add(card);
        FadeTransition in = new FadeTransition(FADE_IN, card);
        in.setToValue(1);
        FadeTransition out = new FadeTransition(FADE_OUT, card);
        out.setToValue(0);
        SequentialTransition life = new SequentialTransition(in, new PauseTransition(shownFor), out);
        life.setOnFinished(e -> layer.getChildren().remove(card));
        Runnable dismiss = () -> {
            life.stop();
            layer.getChildren().remove(card);
        };
        card.setOnMouseClicked(e -> dismiss.run());
        c.close().setOnAction(e -> dismiss.run());
        life.play();
    }

    /** How many cards show now. */
    int shown() {
        return layer.getChildren().size();
    }
}
