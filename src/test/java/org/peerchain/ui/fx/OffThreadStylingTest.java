package org.peerchain.ui.fx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
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
        // the size the content has (a stage left by an earlier test may hold it at another size than asked)
        assertEquals(WaitForAsyncUtils.asyncFx(content::getWidth).get(10, TimeUnit.SECONDS), look.width());
        assertEquals(WaitForAsyncUtils.asyncFx(content::getHeight).get(10, TimeUnit.SECONDS), look.height());
        assertTrue(look.width() > 0 && look.height() > 0);

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
    void anEmptyTableWithSampleRowsGetsItsRowCellsMadeOffTheFxThreadAndKeepsThemForItsOwnRows() throws Exception {
        OffThreadStyling.Look look = WaitForAsyncUtils.asyncFx(() -> OffThreadStyling.Look.of(content))
                .get(10, TimeUnit.SECONDS);
        ObservableList<String> own = FXCollections.observableArrayList();
        TableView<String> table = new TableView<>(own);
        TableColumn<String, String> column = new TableColumn<>("Word");
        column.setCellValueFactory(f -> new ReadOnlyStringWrapper(f.getValue()));
        table.getColumns().add(column);
        OffThreadStyling.sampleRows(table, List.of("sample one", "sample two", "sample three", "sample four"));
        VBox view = new VBox(table);

        CompletableFuture.runAsync(() -> OffThreadStyling.style(view, look)).get(30, TimeUnit.SECONDS);

        assertSame(own, table.getItems(), "the table's own list is back");
        assertTrue(own.isEmpty(), "and the sample rows never entered it");
        Set<Node> made = new HashSet<>(table.lookupAll(".table-row-cell"));
        assertTrue(made.size() >= 4, "row cells made for the sample: " + made.size());

        Set<Node> shown = WaitForAsyncUtils.asyncFx(() -> {
            content.getChildren().add(view);
            own.setAll("one", "two", "three");
            view.applyCss();
            view.layout();
            Set<Node> rows = new HashSet<>();
            for (Node n : table.lookupAll(".table-row-cell")) {
                if (n.isVisible() && ((TableRow<?>) n).getItem() != null) {
                    rows.add(n);
                }
            }
            return rows;
        }).get(10, TimeUnit.SECONDS);
        assertEquals(3, shown.size(), "the table's own three rows show");
        assertTrue(made.containsAll(shown), "in the cells made off the FX thread");
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
