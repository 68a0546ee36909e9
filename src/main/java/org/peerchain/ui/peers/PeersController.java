package org.peerchain.ui.peers;

import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.chart.AreaChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.util.StringConverter;
import org.peerchain.node.api.BanInfo;
import org.peerchain.node.api.PeerService;
import org.peerchain.node.api.TrackerInfo;
import org.peerchain.node.api.TrafficSample;
import org.peerchain.ui.fx.Formats;

/** Wiring of the Peers screen: columns, bindings and handlers over {@link PeersViewModel}. */
public final class PeersController {
    /** Time-axis ticks a minute apart (in milliseconds) over the ten minutes shown. */
    private static final double TIME_TICK_MILLIS = 60_000;

    private final PeersViewModel model;

    @FXML private Label countLabel;
    @FXML private Label messageLabel;
    @FXML private TableView<PeerRow> peerTable;
    @FXML private TableColumn<PeerRow, String> addressColumn;
    @FXML private TableColumn<PeerRow, String> directionColumn;
    @FXML private TableColumn<PeerRow, String> sourceColumn;
    @FXML private TableColumn<PeerRow, Number> versionColumn;
    @FXML private TableColumn<PeerRow, Number> heightColumn;
    @FXML private TableColumn<PeerRow, Number> pingColumn;
    @FXML private TableColumn<PeerRow, Number> receivedColumn;
    @FXML private TableColumn<PeerRow, Number> sentColumn;
    @FXML private TableColumn<PeerRow, Number> connectedColumn;
    @FXML private TableColumn<PeerRow, Number> misbehaviourColumn;
    @FXML private Button disconnectButton;
    @FXML private ChoiceBox<BanDuration> banDurationChoice;
    @FXML private TextField banReasonField;
    @FXML private Button banButton;
    @FXML private TextField addPeerField;
    @FXML private Button addPeerButton;
    @FXML private Label addPeerErrorLabel;
    @FXML private AreaChart<Number, Number> trafficChart;
    @FXML private NumberAxis timeAxis;
    @FXML private NumberAxis rateAxis;
    @FXML private TableView<BanInfo> banTable;
    @FXML private TableColumn<BanInfo, String> banAddressColumn;
    @FXML private TableColumn<BanInfo, Number> bannedUntilColumn;
    @FXML private TableColumn<BanInfo, String> banReasonColumn;
    @FXML private Button unbanButton;
    @FXML private TableView<TrackerInfo> trackerTable;
    @FXML private TableColumn<TrackerInfo, String> trackerAddressColumn;
    @FXML private TableColumn<TrackerInfo, Number> trackerAnnounceColumn;
    @FXML private TableColumn<TrackerInfo, TrackerInfo.State> trackerStateColumn;
    @FXML private TableColumn<TrackerInfo, Number> trackerPeersColumn;
    @FXML private TableColumn<TrackerInfo, String> trackerErrorColumn;

    private final XYChart.Series<Number, Number> receivedSeries = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> sentSeries = new XYChart.Series<>();

    PeersController(PeersViewModel model) {
        this.model = model;
    }

    @FXML
    private void initialize() {
        wirePeerTable();
        wireActions();
        wireBans();
        wireTrackers();
        wireTraffic();
        messageLabel.textProperty().bind(model.messageProperty());
        model.messageIsErrorProperty().addListener((o, was, error) -> {
            messageLabel.getStyleClass().remove("error");
            if (error) {
                messageLabel.getStyleClass().add("error");
            }
        });
    }

    private void wirePeerTable() {
        peerTable.setItems(model.peers());
        peerTable.setPlaceholder(emptyState(model.emptyPeersTextProperty()));
        model.selectedPeerProperty().bind(peerTable.getSelectionModel().selectedItemProperty());
        countLabel.textProperty().bind(Bindings.createStringBinding(() -> {
            long in = model.peers().stream().filter(PeerRow::inbound).count();
            return model.peers().size() + " connected (" + in + " in, " + (model.peers().size() - in) + " out)";
        }, model.peers()));
        constant(addressColumn, PeerRow::address);
        constant(directionColumn, PeerRow::direction);
        constant(sourceColumn, r -> r.source().label());
        show(versionColumn, PeerRow::protocolVersionProperty, n -> Long.toString(n.longValue()));
        show(heightColumn, PeerRow::heightProperty, n -> Formats.count(n.longValue()));
        show(pingColumn, PeerRow::pingMillisProperty, n -> Formats.ping(n.doubleValue()));
        show(receivedColumn, PeerRow::bytesReceivedProperty, n -> Formats.bytes(n.longValue()));
        show(sentColumn, PeerRow::bytesSentProperty, n -> Formats.bytes(n.longValue()));
        show(connectedColumn, PeerRow::connectedSecondsProperty, n -> Formats.duration(n.doubleValue()));
        show(misbehaviourColumn, PeerRow::misbehaviourProperty, n -> Long.toString(n.longValue()));
    }

    private void wireActions() {
        banDurationChoice.getItems().setAll(BanDuration.values());
        banDurationChoice.valueProperty().bindBidirectional(model.banDurationProperty());
        banReasonField.textProperty().bindBidirectional(model.banReasonProperty());
        var noPeer = model.selectedPeerProperty().isNull();
        disconnectButton.disableProperty().bind(noPeer.or(model.busyProperty()));
        banButton.disableProperty().bind(noPeer.or(model.busyProperty()));
        addPeerField.textProperty().bindBidirectional(model.addPeerTextProperty());
        addPeerField.disableProperty().bind(model.enabledProperty().not());
        addPeerButton.disableProperty().bind(model.enabledProperty().not().or(model.busyProperty()));
        addPeerErrorLabel.textProperty().bind(model.addPeerErrorProperty());
        var hasError = model.addPeerErrorProperty().isNotEmpty();
        addPeerErrorLabel.visibleProperty().bind(hasError);
        addPeerErrorLabel.managedProperty().bind(hasError);
    }

    private void wireBans() {
        banTable.setItems(model.bans());
        banTable.setPlaceholder(emptyState(new ReadOnlyObjectWrapper<>(model.emptyBansText())));
        model.selectedBanProperty().bind(banTable.getSelectionModel().selectedItemProperty());
        unbanButton.disableProperty().bind(model.selectedBanProperty().isNull().or(model.busyProperty()));
        constant(banAddressColumn, BanInfo::address);
        show(bannedUntilColumn, b -> new ReadOnlyObjectWrapper<>(b.bannedUntil()), n -> Formats.dateTime(n.longValue()));
        constant(banReasonColumn, BanInfo::reason);
    }

    private void wireTrackers() {
        trackerTable.setItems(model.trackers());
        trackerTable.setPlaceholder(emptyState(new ReadOnlyObjectWrapper<>(model.emptyTrackersText())));
        constant(trackerAddressColumn, TrackerInfo::address);
        trackerAnnounceColumn.setCellValueFactory(c -> Bindings.createLongBinding(
                () -> c.getValue().lastAnnounceMillis(), model.nowMillisProperty()));
        trackerAnnounceColumn.setCellFactory(col -> cell(n -> n.longValue() == 0 ? "never"
                : Formats.ago(n.longValue(), model.nowMillisProperty().get())));
        trackerStateColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().state()));
        trackerStateColumn.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(TrackerInfo.State state, boolean empty) {
                super.updateItem(state, empty);
                getStyleClass().removeAll("tracker-ok", "tracker-failing");
                setText(empty || state == null ? null : state.label());
                if (!empty && state == TrackerInfo.State.OK) {
                    getStyleClass().add("tracker-ok");
                } else if (!empty && state == TrackerInfo.State.FAILING) {
                    getStyleClass().add("tracker-failing");
                }
            }
        });
        show(trackerPeersColumn, t -> new ReadOnlyObjectWrapper<>(t.peersReturned()), n -> Formats.count(n.longValue()));
        constant(trackerErrorColumn, TrackerInfo::lastError);
    }

    private void wireTraffic() {
        receivedSeries.setName("Received");
        sentSeries.setName("Sent");
        trafficChart.getData().add(receivedSeries);
        trafficChart.getData().add(sentSeries);
        timeAxis.setTickUnit(TIME_TICK_MILLIS);
        timeAxis.upperBoundProperty().bind(model.nowMillisProperty());
        timeAxis.lowerBoundProperty().bind(model.nowMillisProperty().subtract(PeerService.TRAFFIC_WINDOW_MILLIS));
        timeAxis.setTickLabelFormatter(converter(v -> Formats.minutesAgo(v.longValue(), (long) timeAxis.getUpperBound())));
        rateAxis.setTickLabelFormatter(converter(v -> Formats.byteRate(v.doubleValue())));
        model.traffic().forEach(this::plot);
        model.traffic().addListener((ListChangeListener<TrafficSample>) change -> {
            while (change.next()) {
                if (change.wasRemoved()) {
                    receivedSeries.getData().remove(change.getFrom(), change.getFrom() + change.getRemovedSize());
                    sentSeries.getData().remove(change.getFrom(), change.getFrom() + change.getRemovedSize());
                }
                if (change.wasAdded()) {
                    change.getAddedSubList().forEach(this::plot);
                }
            }
        });
    }

    private void plot(TrafficSample p) {
        receivedSeries.getData().add(new XYChart.Data<>(p.timeMillis(), p.receivedPerSecond()));
        sentSeries.getData().add(new XYChart.Data<>(p.timeMillis(), p.sentPerSecond()));
    }

    @FXML
    private void disconnect() {
        model.disconnectSelected();
    }

    @FXML
    private void ban() {
        model.banSelected();
    }

    @FXML
    private void unban() {
        model.unbanSelected();
    }

    @FXML
    private void addPeer() {
        model.addPeer();
    }

    // ------------------------------------------------------------------ cells

    private static Label emptyState(ObservableValue<String> text) {
        Label l = new Label();
        l.textProperty().bind(text);
        l.getStyleClass().add("empty-state");
        l.setWrapText(true);
        return l;
    }

    private static <S> void constant(TableColumn<S, String> column, Function<S, String> value) {
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
    }

    private static <S, T> void show(TableColumn<S, T> column, Function<S, ObservableValue<T>> value,
            Function<T, String> format) {
        column.setCellValueFactory(c -> value.apply(c.getValue()));
        column.setCellFactory(col -> cell(format));
    }

    private static <S, T> TableCell<S, T> cell(Function<T, String> format) {
        return new TableCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : format.apply(item));
            }
        };
    }

    private static StringConverter<Number> converter(Function<Number, String> format) {
        return new StringConverter<>() {
            @Override
            public String toString(Number n) {
                return format.apply(n);
            }

            @Override
            public Number fromString(String s) {
                throw new UnsupportedOperationException("axis labels are not parsed");
            }
        };
    }
}
