package org.peerchain.testing;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Node;
import org.testfx.api.FxRobot;
import org.testfx.api.FxRobotInterface;
import org.testfx.util.NodeQueryUtils;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Clicks for TestFX tests of windows that keep changing. TestFX's {@code clickOn(String)} walks the scene graph from
 * the test thread; while the window applies its updates (the dispatcher sends ten batches a second) the walk can meet
 * a node just taken out of the scene and fail with a NullPointerException inside TestFX. Here the node is found on
 * the FX thread, then clicked.
 */
public final class FxClicks {
    private static final long FIND_SECONDS = 30;

    private FxClicks() {
    }

    /**
     * Clicks the first visible node that {@code query} (a CSS selector or a text) finds, waiting up to
     * {@link #FIND_SECONDS} for it to appear (a screen opened for the first time is built in the background).
     */
    public static FxRobotInterface click(FxRobot robot, String query) {
        AtomicReference<Node> found = new AtomicReference<>();
        try {
            WaitForAsyncUtils.waitFor(FIND_SECONDS, TimeUnit.SECONDS, () -> {
                found.set(WaitForAsyncUtils.asyncFx(() -> robot.lookup(query).match(NodeQueryUtils.isVisible())
                        .<Node>tryQuery().orElse(null)).get(FIND_SECONDS, TimeUnit.SECONDS));
                return found.get() != null;
            });
        } catch (TimeoutException e) {
            throw new AssertionError("no visible node for \"" + query + "\" within " + FIND_SECONDS + " s", e);
        }
        return robot.clickOn(found.get());
    }
}
