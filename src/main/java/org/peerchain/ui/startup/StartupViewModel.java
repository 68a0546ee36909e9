package org.peerchain.ui.startup;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.peerchain.node.api.LifecycleStep;
import org.peerchain.node.api.NodeEvent;
import org.peerchain.ui.fx.FxDispatcher;

/**
 * The node's start as the startup view shows it: each step done, under way (with its progress) or still to come,
 * and, when the start fails, the reason in words with what to do.
 */
public final class StartupViewModel {
    /** The steps a start goes through, in order. */
    public static final List<LifecycleStep> STEPS = List.of(LifecycleStep.OPENING_DATABASE,
            LifecycleStep.LOADING_BLOCK_INDEX, LifecycleStep.WALLET_CATCH_UP, LifecycleStep.STARTING_NETWORK,
            LifecycleStep.READY);

    /** One row of the view. {@code progress} is 0 to 1, or -1 when the step cannot measure itself. */
    public record StepRow(LifecycleStep step, State state, double progress, String detail) {
        public enum State {
            DONE, CURRENT, PENDING,
            /** The step the start was in when it failed. */
            FAILED
        }
    }

    private final FxDispatcher dispatcher;
    private final ObservableList<StepRow> rows = FXCollections.observableArrayList();
    /**
     * One read-only view for the life of the model: a view listens to the list weakly, so a view made afresh at each
     * call and held only by the controller's listener could be collected, and the steps would stop moving.
     */
    private final ObservableList<StepRow> rowsView = FXCollections.unmodifiableObservableList(rows);
    private final ReadOnlyObjectWrapper<LifecycleStep> current = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper failure = new ReadOnlyStringWrapper("");

    public StartupViewModel(FxDispatcher dispatcher) {
        this.dispatcher = dispatcher;
        for (LifecycleStep s : STEPS) {
            rows.add(new StepRow(s, StepRow.State.PENDING, -1, ""));
        }
    }

    /** From the node-start thread: a step began (or progressed). */
    public void onLifecycle(NodeEvent.Lifecycle e) {
        dispatcher.post(FxDispatcher.key(this, "step"), () -> show(e));
    }

    /** From the node-start thread: the node could not start; {@code reason} says why and what to do. */
    public void failed(String reason) {
        dispatcher.post(FxDispatcher.key(this, "failure"), () -> {
            // the step under way stops turning: it is where the start ended
            for (int i = 0; i < rows.size(); i++) {
                StepRow r = rows.get(i);
                if (r.state() == StepRow.State.CURRENT) {
                    rows.set(i, new StepRow(r.step(), StepRow.State.FAILED, -1, r.detail()));
                }
            }
            current.set(LifecycleStep.FAILED);
            failure.set(reason);
        });
    }

    private void show(NodeEvent.Lifecycle e) {
        int at = STEPS.indexOf(e.step());
        if (at < 0) {
            return;
        }
        // one list change per event: a step's progress arrives up to a hundred times
        List<StepRow> next = new ArrayList<>(STEPS.size());
        for (int i = 0; i < STEPS.size(); i++) {
            StepRow.State state = i < at || e.step() == LifecycleStep.READY ? StepRow.State.DONE
                    : i == at ? StepRow.State.CURRENT : StepRow.State.PENDING;
            next.add(new StepRow(STEPS.get(i), state, i == at ? e.progress() : state == StepRow.State.DONE ? 1 : -1,
                    i == at ? e.detail() : rows.get(i).detail()));
        }
        rows.setAll(next);
        current.set(e.step());
    }

    public ObservableList<StepRow> rows() {
        return rowsView;
    }

    /** The newest step; {@code FAILED} when the start failed. */
    public ReadOnlyObjectProperty<LifecycleStep> currentProperty() {
        return current.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty failureProperty() {
        return failure.getReadOnlyProperty();
    }
}
