package org.peerchain.ui.fx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Updates reach a screen only while it is shown, including those already on their way when it was hidden. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ShownGateTest {
    private final Queue<Runnable> toFx = new ArrayDeque<>();
    private final List<String> ran = new ArrayList<>();
    private final ShownGate gate = new ShownGate(new FxDispatcher(toFx::add), this);

    private void drain() {
        while (!toFx.isEmpty()) {
            toFx.poll().run();
        }
    }

    @Test
    void anUpdateOnItsWayWhenTheScreenIsHiddenIsDropped() {
        gate.open();
        gate.post("a", () -> ran.add("a"));
        gate.close();
        drain();
        assertEquals(List.of(), ran);

        gate.open();
        gate.post("a", () -> ran.add("a again"));
        drain();
        assertEquals(List.of("a again"), ran);
    }

    @Test
    void aResultHandedBackIsTakenOnlyWhileShown() {
        Consumer<String> take = gate.ifShown(ran::add);
        take.accept("before it is shown");
        gate.open();
        take.accept("shown");
        gate.close();
        take.accept("hidden");
        assertEquals(List.of("shown"), ran);
    }
}
