package org.peerchain.ui.fx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testfx.framework.junit5.ApplicationTest;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A view styled off the FX thread gets the window's look (its stylesheets, its root's text size), its controls' skins
 * and a table's cells, and is left outside any scene; a view already in a scene is refused.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OffThreadStylingTest extends ApplicationTest {
    private static final String CSS = ".marked { -fx-text-fill: #123456; }";
    private final StackPane content = new StackPane();

    @Override
    public void start(Stage stage) {
        Scene scene = new Scene(content, 420, 310);
        scene.getStylesheets().add(dataUrl(CSS));
        content.setStyle("-fx-font-size: 21px;");
        stage.setScene(scene);
        stage.show();
    }

    private static String dataUrl(String css) {
        return "data:text/css;base64," + Base64.getEncoder().encodeToString(css.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aViewStyledOnAnotherThreadHasTheWindowsLookItsSkinsAndCellsAndNoScene() throws Exception {
        OffThreadStyling.Look look = WaitForAsyncUtils.asyncFx(() -> OffThreadStyling.Look.of(content))
                .get(10, TimeUnit.SECONDS);
        assertEquals(List.of(dataUrl(CSS)), look.stylesheets());
        assertEquals("-fx-font-size: 21px;", look.rootStyle());
        assertEquals(420, look.width());
        assertEquals(310, look.height());

        Label label = new Label("styled");
        label.getStyleClass().add("marked");
        TableView<String> table = new TableView<>(FXCollections.observableArrayList("one", "two", "three"));
        TableColumn<String, String> column = new TableColumn<>("Word");
        column.setCellValueFactory(f -> new ReadOnlyStringWrapper(f.getValue()));
        table.getColumns().add(column);
        VBox view = new VBox(label, table);

        CompletableFuture.runAsync(() -> OffThreadStyling.style(view, look)).get(30, TimeUnit.SECONDS);

        assertEquals(Color.web("#123456"), label.getTextFill(), "the window's stylesheet applied");
        assertEquals(21, label.getFont().getSize(), 0.01, "the window root's text size applied");
        assertNotNull(table.getSkin(), "the table's skin made");
        assertFalse(table.lookupAll(".table-row-cell").isEmpty(), "and cells for its rows");
        assertNull(view.getScene());
        assertNull(view.getParent());
    }

    @Test
    void aViewAlreadyInASceneIsRefused() throws Exception {
        OffThreadStyling.Look look = new OffThreadStyling.Look(List.of(), "", List.of(), 100, 100);
        Label inWindow = WaitForAsyncUtils.asyncFx(() -> {
            Label l = new Label("in the window");
            content.getChildren().add(l);
            return l;
        }).get(10, TimeUnit.SECONDS);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OffThreadStyling.style(inWindow, look));
        assertEquals("a view styled off the FX thread must not be in a scene yet", e.getMessage());
        assertEquals(content, WaitForAsyncUtils.asyncFx(inWindow::getParent).get(10, TimeUnit.SECONDS),
                "the view stays where it was");
    }
}
