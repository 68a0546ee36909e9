package org.peerchain.ui.explorer;

import java.util.List;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.fxml.FXML;
import javafx.scene.Scene;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.peerchain.node.api.BlockDetail;
import org.peerchain.node.api.ChainTip;
import org.peerchain.node.api.MempoolSummary;
import org.peerchain.node.api.TxDetail;
import org.peerchain.ui.fx.Formats;

/** Wires the explorer's FXML to its view-model: buttons, the search box, the tables and which view shows. */
public final class ExplorerController {
    /** Ctrl+K (Cmd+K on a Mac) focuses the search box, as in many explorers and editors. */
    static final KeyCombination SEARCH_SHORTCUT = new KeyCodeCombination(KeyCode.K, KeyCombination.SHORTCUT_DOWN);
    /** How often ages ("12 s ago") move on while the explorer is shown. */
    private static final Duration CLOCK_TICK = Duration.seconds(5);

    @FXML
    private Button backButton;
    @FXML
    private Button forwardButton;
    @FXML
    private TextField searchField;
    @FXML
    private Button searchButton;
    @FXML
    private Label searchMessage;
    @FXML
    private Label txIndexNote;
    @FXML
    private HBox strip;
    @FXML
    private TabPane homeTabs;
    @FXML
    private Tab mempoolTab;
    @FXML
    private Tab tipsTab;
    @FXML
    private TableView<BlockRow> blockTable;
    @FXML
    private Label mempoolCount;
    @FXML
    private Label mempoolSize;
    @FXML
    private Label mempoolFees;
    @FXML
    private BarChart<String, Number> feeChart;
    @FXML
    private TableView<MempoolSummary.Entry> mempoolTable;
    @FXML
    private TableView<ChainTip> tipsTable;
    @FXML
    private ScrollPane detailScroll;
    @FXML
    private VBox detailBox;
    @FXML
    private VBox loadingPane;
    @FXML
    private VBox failurePane;
    @FXML
    private Label failureLabel;

    private final ExplorerViewModel model;
    private final ExplorerLinks links;
    private final Timeline clock = new Timeline(new KeyFrame(CLOCK_TICK,
            e -> tick()));
    private AddressView addressView;
    private Scene shortcutScene;
    private boolean active;

    public ExplorerController(ExplorerViewModel model) {
        this.model = model;
        this.links = new ExplorerLinks(model);
        clock.setCycleCount(Timeline.INDEFINITE);
    }

    @FXML
    private void initialize() {
        addressView = new AddressView(model, links);
        searchField.sceneProperty().addListener((obs, old, scene) -> installShortcut(scene));
        backButton.disableProperty().bind(model.canGoBackProperty().not());
        forwardButton.disableProperty().bind(model.canGoForwardProperty().not());
        searchButton.disableProperty().bind(model.searchingProperty());
        searchMessage.textProperty().bind(model.searchMessageProperty());
        searchMessage.visibleProperty().bind(model.searchMessageProperty().isNotEmpty());
        searchMessage.managedProperty().bind(searchMessage.visibleProperty());
        txIndexNote.textProperty().bind(model.txIndexNoteProperty());
        txIndexNote.visibleProperty().bind(model.txIndexNoteProperty().isNotEmpty());
        txIndexNote.managedProperty().bind(txIndexNote.visibleProperty());
        new BlockStrip(strip, ExplorerViewModel.NEWEST_BLOCKS, model.newest(), model.nowProperty(), model::openBlock);

        ExplorerTables.blocks(blockTable, model);
        ExplorerTables.mempool(mempoolTable, model);
        ExplorerTables.tips(tipsTable, model);
        model.mempoolProperty().addListener((obs, old, m) -> showMempool(m));
        mempoolTab.setOnSelectionChanged(e -> {
            if (mempoolTab.isSelected()) {
                model.refreshMempool();
            }
        });
        tipsTab.setOnSelectionChanged(e -> {
            if (tipsTab.isSelected()) {
                model.refreshTips();
            }
        });

        BooleanBinding atHome = Bindings.createBooleanBinding(() -> model.placeProperty().get() instanceof Place.Home,
                model.placeProperty());
        homeTabs.visibleProperty().bind(atHome);
        detailScroll.visibleProperty().bind(atHome.not());
        loadingPane.visibleProperty().bind(model.loadingProperty().and(atHome.not()));
        failureLabel.textProperty().bind(model.failureProperty());
        failurePane.visibleProperty().bind(model.failureProperty().isNotEmpty().and(atHome.not())
                .and(model.loadingProperty().not()));
        model.placeProperty().addListener((obs, old, p) -> render());
        model.blockProperty().addListener((obs, old, b) -> render());
        model.transactionProperty().addListener((obs, old, t) -> render());
    }

    /** Puts the view of the current place in the detail area once its data has arrived. */
    private void render() {
        Place p = model.placeProperty().get();
        BlockDetail b = model.blockProperty().get();
        TxDetail t = model.transactionProperty().get();
        long now = model.nowProperty().get();
        if (p instanceof Place.BlockPlace bp && b != null && b.hash().equals(bp.hash())) {
            detailBox.getChildren().setAll(new BlockView(links).build(b, now));
        } else if (p instanceof Place.TransactionPlace tp && t != null && t.txid().equals(tp.txid())) {
            detailBox.getChildren().setAll(new TransactionView(links).build(t, now));
        } else if (p instanceof Place.AddressPlace) {
            detailBox.getChildren().setAll(addressView.view());
        } else {
            detailBox.getChildren().clear();
            return;
        }
        detailScroll.setVvalue(0);
    }

    private void showMempool(MempoolSummary m) {
        if (m == null) {
            return;
        }
        mempoolCount.setText(Formats.count(m.transactions()) + (m.transactions() == 1 ? " transaction" : " transactions")
                + " waiting");
        mempoolSize.setText(Formats.bytes(m.bytes()));
        mempoolFees.setText(Formats.amount(m.totalFees()) + " in fees");
        XYChart.Series<String, Number> series = new XYChart.Series<>();
        List<Long> floors = m.bandFloors();
        for (int i = 0; i < floors.size(); i++) {
            String band = i + 1 < floors.size() ? floors.get(i) + "–" + floors.get(i + 1) : floors.get(i) + "+";
            series.getData().add(new XYChart.Data<>(band, m.histogram().get(i)));
        }
        feeChart.getData().setAll(List.of(series));
        mempoolTable.getItems().setAll(m.entries());
    }

    private void tick() {
        model.tick(System.currentTimeMillis());
    }

    /** Starts the clock and, once the view is in a scene, the search shortcut. */
    void activate() {
        active = true;
        tick();
        clock.play();
        installShortcut(searchField.getScene());
    }

    void deactivate() {
        active = false;
        clock.stop();
        installShortcut(null);
    }

    /** The shortcut belongs to the scene the explorer is shown in, and only while it is shown. */
    private void installShortcut(Scene scene) {
        if (shortcutScene != null) {
            shortcutScene.getAccelerators().remove(SEARCH_SHORTCUT);
            shortcutScene = null;
        }
        if (scene == null || !active) {
            return;
        }
        shortcutScene = scene;
        scene.getAccelerators().put(SEARCH_SHORTCUT, () -> {
            searchField.requestFocus();
            searchField.selectAll();
        });
    }

    @FXML
    private void back() {
        model.back();
    }

    @FXML
    private void forward() {
        model.forward();
    }

    @FXML
    private void home() {
        model.home();
    }

    @FXML
    private void search() {
        model.search(searchField.getText());
    }
}
