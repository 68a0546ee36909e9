package org.peerchain.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerchain.testing.OnFx.onFx;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.peerchain.testing.Await;
import org.peerchain.ui.fx.Screen;
import org.peerchain.ui.fx.ScreenContext;
import org.peerchain.ui.fx.ScreenId;
import org.testfx.framework.junit5.ApplicationTest;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Screens opened for the first time are built off the FX thread with "Opening ..." shown meanwhile; a screen the
 * user has moved away from is kept but not shown; a screen that cannot be built says so and can be chosen again.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ScreenHostTest extends ApplicationTest {
    private final StackPane content = new StackPane();
    /** Builds waiting to run: the test runs them, standing in for the builder thread. */
    private final ConcurrentLinkedQueue<Runnable> builds = new ConcurrentLinkedQueue<>();
    private final List<ScreenId> shown = new ArrayList<>();
    private ScreenHost host;

    @Override
    public void start(Stage stage) {
        host = new ScreenHost(content, shown::add, builds::add, Platform::runLater);
        host.attach(new ScreenContext(null, null, null));
        stage.setScene(new Scene(content, 400, 300));
        stage.show();
    }

    private void runBuilds() {
        for (Runnable r; (r = builds.poll()) != null; ) {
            r.run();
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** A screen that counts its activations. */
    private static final class TestScreen implements Screen {
        final VBox view = new VBox(new Label("test screen"));
        final AtomicInteger activations = new AtomicInteger();

        @Override
        public Parent view() {
            return view;
        }

        @Override
        public void activate() {
            activations.incrementAndGet();
        }

        @Override
        public void deactivate() {
        }
    }

    @Test
    void aFirstOpeningShowsOpeningUntilTheScreenIsBuiltThenTheScreen() {
        TestScreen mining = new TestScreen();
        host.factory(ScreenId.MINING, ctx -> mining);

        onFx(() -> {
            host.open(ScreenId.MINING);
            return null;
        });

        assertEquals("Opening Mining\u2026", onFx(host::openingText));
        assertEquals(List.of(ScreenId.MINING), shown, "the rail follows the click at once");
        assertEquals(1, builds.size(), "built off the FX thread");
        runBuilds();
        Await.until(Duration.ofSeconds(5), "the screen shown", () -> onFx(() -> mining.view.getScene() != null
                && mining.view.isVisible()));
        assertEquals("", onFx(host::openingText));
        assertEquals(1, mining.activations.get());
    }

    @Test
    void aScreenLeftWhileItWasBuiltIsKeptButNotShown() {
        TestScreen mining = new TestScreen();
        TestScreen peers = new TestScreen();
        host.factory(ScreenId.MINING, ctx -> mining);
        host.factory(ScreenId.PEERS, ctx -> peers);

        onFx(() -> {
            host.open(ScreenId.MINING);
            host.open(ScreenId.PEERS);
            return null;
        });
        runBuilds();

        Await.until(Duration.ofSeconds(5), "peers shown", () -> onFx(() -> peers.view.isVisible()
                && peers.view.getScene() != null));
        assertEquals(0, mining.activations.get(), "the screen left is not activated");
        assertTrue(onFx(() -> mining.view.getScene() == null || !mining.view.isVisible()));
        onFx(() -> {
            host.open(ScreenId.MINING);
            return null;
        });
        assertTrue(builds.isEmpty(), "built once");
        assertTrue(onFx(() -> mining.view.isVisible()));
        assertEquals(1, mining.activations.get());
    }

    @Test
    void aScreenThatCannotBeBuiltSaysSoAndIsTriedAgainWhenChosenAgain() {
        AtomicInteger tries = new AtomicInteger();
        TestScreen peers = new TestScreen();
        host.factory(ScreenId.PEERS, ctx -> {
            if (tries.incrementAndGet() == 1) {
                throw new IllegalStateException("the FXML is damaged");
            }
            return peers;
        });

        onFx(() -> {
            host.open(ScreenId.PEERS);
            return null;
        });
        runBuilds();

        Await.until(Duration.ofSeconds(5), "the failure in words", () -> onFx(host::openingText)
                .startsWith("The Peers screen could not be opened (the FXML is damaged)."));
        assertFalse(onFx(() -> peers.view.getScene() != null));
        onFx(() -> {
            host.open(ScreenId.PEERS);
            return null;
        });
        runBuilds();
        Await.until(Duration.ofSeconds(5), "the screen on the second try", () -> onFx(() -> peers.view.isVisible()
                && peers.view.getScene() != null));
        assertEquals(2, tries.get());
    }
}
