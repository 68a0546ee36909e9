package org.peerchain.ui.fx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerchain.testing.OnFx.onFx;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.peerchain.testing.Await;
import org.testfx.framework.junit5.ApplicationTest;

/**
 * A screen's parts go into a shown window over several pulses: heavy parts and hidden tabs first leave, then all come
 * back where they were, in their order; a light view goes in whole.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProgressiveRevealTest extends ApplicationTest {
    private final StackPane content = new StackPane();

    @Override
    public void start(Stage stage) {
        stage.setScene(new Scene(content, 400, 300));
        stage.show();
    }

    @Test
    void aHeavyScreenComesInOverSeveralPulsesAndEndsWhole() throws Exception {
        Label title = new Label("Title");
        TableView<String> table = new TableView<>();
        LineChart<Number, Number> chart = new LineChart<>(new NumberAxis(), new NumberAxis());
        TableView<String> hiddenTable = new TableView<>();
        Tab shownTab = new Tab("Shown", new Label("shown tab"));
        Tab hiddenTab = new Tab("Hidden", new VBox(new Label("hidden tab"), hiddenTable));
        TabPane tabs = new TabPane(shownTab, hiddenTab);
        VBox spine = new VBox(title, table, chart, tabs);
        ScrollPane view = new ScrollPane(spine);
        List<Node> order = List.copyOf(spine.getChildren());
        VBox hiddenContent = (VBox) hiddenTab.getContent();

        int pulses = onFx(() -> ProgressiveReveal.add(content, view));

        assertTrue(pulses >= 3, "the table, the chart and the hidden tab each take a pulse, not " + pulses);
        Await.until(Duration.ofSeconds(10), "every part back", () -> onFx(() -> spine.getChildren().size() == 4
                && hiddenTab.getContent() == hiddenContent && hiddenContent.getChildren().size() == 2));
        assertEquals(order, onFx(() -> List.copyOf(spine.getChildren())), "in their order");
        assertSame(view, onFx(() -> content.getChildren().get(0)));
        assertSame(hiddenTable, onFx(() -> hiddenContent.getChildren().get(1)));
        assertSame(spine, onFx(() -> table.getParent()));
    }

    @Test
    void theFirstPulseHoldsOnlyTheFirstPart() throws Exception {
        TableView<String> first = new TableView<>();
        TableView<String> second = new TableView<>();
        VBox spine = new VBox(first, second);
        Tab shown = new Tab("Shown", new Label("a"));
        Tab hidden = new Tab("Hidden", new Label("b"));
        TabPane tabs = new TabPane(shown, hidden);
        spine.getChildren().add(tabs);

        List<Object> right = onFx(() -> {
            ProgressiveReveal.add(content, spine);
            return List.of(spine.getChildren().size(), hidden.getContent() == null);
        });

        assertEquals(List.of(0, true), right, "nothing of the heavy view is in the scene before the next pulse");
        Await.until(Duration.ofSeconds(10), "the rest", () -> onFx(() -> spine.getChildren().size() == 3));
        assertEquals(List.of(first, second, tabs), onFx(() -> List.copyOf(spine.getChildren())));
    }

    @Test
    void aLightViewGoesInWhole() throws Exception {
        Label a = new Label("a");
        VBox view = new VBox(a, new Label("b"), new Label("c"));

        int pulses = onFx(() -> ProgressiveReveal.add(content, view));

        assertEquals(0, pulses);
        assertEquals(3, onFx(() -> view.getChildren().size()));
        assertSame(view, a.getParent());
    }
}
