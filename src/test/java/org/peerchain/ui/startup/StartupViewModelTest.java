package org.peerchain.ui.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.peerchain.node.api.LifecycleStep;
import org.peerchain.node.api.NodeEvent;
import org.peerchain.ui.fx.FxDispatcher;
import org.peerchain.ui.startup.StartupViewModel.StepRow.State;

@Timeout(10)
class StartupViewModelTest {
    private final StartupViewModel model = new StartupViewModel(new FxDispatcher(Runnable::run));

    private List<State> states() {
        return model.rows().stream().map(StartupViewModel.StepRow::state).toList();
    }

    @Test
    void everyStepIsPendingBeforeTheStart() {
        assertEquals(List.of(State.PENDING, State.PENDING, State.PENDING, State.PENDING, State.PENDING), states());
    }

    @Test
    void aStepMarksTheOnesBeforeItDoneAndShowsItsProgressAndDetail() {
        model.onLifecycle(new NodeEvent.Lifecycle(LifecycleStep.WALLET_CATCH_UP, 0.25, "1,000 of 4,000 blocks"));
        assertEquals(List.of(State.DONE, State.DONE, State.CURRENT, State.PENDING, State.PENDING), states());
        StartupViewModel.StepRow current = model.rows().get(2);
        assertEquals(0.25, current.progress());
        assertEquals("1,000 of 4,000 blocks", current.detail());
        assertEquals(LifecycleStep.WALLET_CATCH_UP, model.currentProperty().get());
    }

    @Test
    void theBlockIndexStepShowsItsFractionAsItRisesAndIsDoneWhenTheNextStepBegins() {
        model.onLifecycle(new NodeEvent.Lifecycle(LifecycleStep.LOADING_BLOCK_INDEX, -1, ""));
        assertEquals(-1, model.rows().get(1).progress(), "unknown until the first count");
        model.onLifecycle(new NodeEvent.Lifecycle(LifecycleStep.LOADING_BLOCK_INDEX, 0.4, "120 of 300 blocks"));
        model.onLifecycle(new NodeEvent.Lifecycle(LifecycleStep.LOADING_BLOCK_INDEX, 0.9, "270 of 300 blocks"));
        assertEquals(List.of(State.DONE, State.CURRENT, State.PENDING, State.PENDING, State.PENDING), states());
        assertEquals(0.9, model.rows().get(1).progress());
        assertEquals("270 of 300 blocks", model.rows().get(1).detail());

        model.onLifecycle(new NodeEvent.Lifecycle(LifecycleStep.WALLET_CATCH_UP, -1, ""));
        assertEquals(List.of(State.DONE, State.DONE, State.CURRENT, State.PENDING, State.PENDING), states());
        assertEquals(1.0, model.rows().get(1).progress());
        assertEquals("270 of 300 blocks", model.rows().get(1).detail(), "a done step keeps its last fact");
    }

    @Test
    void readyMarksEveryStepDone() {
        model.onLifecycle(new NodeEvent.Lifecycle(LifecycleStep.OPENING_DATABASE, -1, ""));
        model.onLifecycle(new NodeEvent.Lifecycle(LifecycleStep.READY, 1, ""));
        assertEquals(List.of(State.DONE, State.DONE, State.DONE, State.DONE, State.DONE), states());
    }

    @Test
    void aFailureIsKeptInWords() {
        model.onLifecycle(new NodeEvent.Lifecycle(LifecycleStep.OPENING_DATABASE, -1, ""));
        model.failed("Another PeerChain process is already using the data directory /x");
        assertEquals(LifecycleStep.FAILED, model.currentProperty().get());
        assertEquals("Another PeerChain process is already using the data directory /x", model.failureProperty().get());
        assertEquals(List.of(State.FAILED, State.PENDING, State.PENDING, State.PENDING, State.PENDING), states(),
                "the step under way shows where the start ended, and stops turning");
    }
}
