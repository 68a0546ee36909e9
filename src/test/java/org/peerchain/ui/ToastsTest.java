package org.peerchain.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerchain.testing.OnFx.onFx;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.geometry.Bounds;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.peerchain.testing.Await;
import org.testfx.framework.junit5.ApplicationTest;

/**
 * Notices show as cards in the window's bottom-right corner, over the screen, and go after their time, at a click or
 * at their close button; no more than three show at once.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ToastsTest extends ApplicationTest {
    private VBox layer;
    private StackPane area;

    @Override
    public void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet()); // the window's theme
        layer = new VBox();
        Label screen = new Label("the screen under the cards");
        layer.getStyleClass().add("toast-layer");
        layer.setMaxSize(VBox.USE_PREF_SIZE, VBox.USE_PREF_SIZE);
        layer.setPickOnBounds(false);
        StackPane.setAlignment(layer, javafx.geometry.Pos.BOTTOM_RIGHT);
        area = new StackPane(screen, layer);
        Scene scene = new Scene(area, 800, 500);
        scene.getStylesheets().add(WalletApp.class.getResource("/fxml/main.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    private Toasts.Card showCard(Toasts toasts, String title) {
        Toasts.Card card = Toasts.card(title, "Block 1,234 was found by this node",
                Notifier.icon(Notices.Kind.BLOCK_FOUND));
        onFx(() -> {
            toasts.show(card);
            return null;
        });
        return card;
    }

    @Test
    void aCardShowsItsWordsInTheBottomRightCornerThenGoesAfterItsTime() {
        Toasts toasts = new Toasts(layer, javafx.util.Duration.millis(300));
        Toasts.Card card = showCard(toasts, "Block found");

        assertEquals(1, onFx(toasts::shown));
        assertTrue(onFx(() -> card.view().lookupAll(".label").stream()
                .map(n -> ((Label) n).getText()).toList()).containsAll(
                        List.of("Block found", "Block 1,234 was found by this node")));
        Await.until(Duration.ofSeconds(5), "the card faded in", () -> onFx(() -> card.view().getOpacity() == 1));
        Bounds inArea = onFx(() -> area.sceneToLocal(card.view().localToScene(card.view().getBoundsInLocal())));
        assertTrue(inArea.getMaxX() > 700 && inArea.getMaxY() > 400, "in the bottom-right corner: " + inArea);
        Await.until(Duration.ofSeconds(10), "the card gone after its time", () -> onFx(toasts::shown) == 0);
    }

    @Test
    void aClickOnACardOrOnItsCloseButtonDismissesIt() {
        Toasts toasts = new Toasts(layer, javafx.util.Duration.minutes(5));
        Toasts.Card first = showCard(toasts, "First");
        Toasts.Card second = showCard(toasts, "Second");
        Await.until(Duration.ofSeconds(5), "both shown", () -> onFx(() -> first.view().getOpacity() == 1
                && second.view().getOpacity() == 1));

        clickOn(first.close());
        Await.until(Duration.ofSeconds(5), "the first closed", () -> onFx(() -> first.view().getParent() == null));
        assertEquals(1, onFx(toasts::shown));

        clickOn(second.view().lookup(".toast-text"));
        Await.until(Duration.ofSeconds(5), "the second dismissed", () -> onFx(toasts::shown) == 0);
    }

    @Test
    void noMoreThanThreeShowTheOldestGoingFirst() {
        Toasts toasts = new Toasts(layer, javafx.util.Duration.minutes(5));
        Toasts.Card oldest = showCard(toasts, "One");
        showCard(toasts, "Two");
        showCard(toasts, "Three");
        Toasts.Card newest = showCard(toasts, "Four");

        assertEquals(Toasts.MAX_SHOWN, onFx(toasts::shown));
        assertFalse(onFx(() -> layer.getChildren().contains(oldest.view())), "the oldest made room");
        assertTrue(onFx(() -> layer.getChildren().get(Toasts.MAX_SHOWN - 1) == newest.view()), "the newest at the bottom");
    }
}
