package org.peerchain.testing;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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

    /** Clicks the first visible node that {@code query} (a CSS selector or a text) finds. */
    public static FxRobotInterface click(FxRobot robot, String query) {
        try {
            Node node = WaitForAsyncUtils.asyncFx(
                    () -> robot.lookup(query).match(NodeQueryUtils.isVisible()).<Node>query())
                    .get(FIND_SECONDS, TimeUnit.SECONDS);
            return robot.clickOn(node);
        } catch (ExecutionException e) {
            throw new AssertionError("no visible node for \"" + query + "\": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("the FX thread did not answer the lookup of \"" + query + "\"", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while looking up \"" + query + "\"", e);
        }
    }
}
