package org.peerchain.tracker.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.peerchain.tracker.Tracker;
import org.peerchain.ui.TrackerWindows;
import org.peerchain.ui.fx.FxDispatcher;

/**
 * The admin window on a wallet's hosted tracker: the same window as {@code peerchain tracker}'s, attached to the
 * tracker the wallet's node runs (Start and Stop do not apply; Settings turns hosting off). One window a tracker:
 * asked again, the open one comes to the front. Closing it leaves the tracker running.
 */
public final class HostedTrackerWindows implements TrackerWindows {
    private static Stage open;

    @Override
    public void showHosted(int port, Window owner) {
        if (open != null && open.isShowing()) {
            open.toFront();
            return;
        }
        Tracker tracker = Tracker.running(port)
                .orElseThrow(() -> new IllegalStateException("no tracker serves on port " + port + " in this program"));
        TrackerViewModel model = new TrackerViewModel(tracker.config(), new FxDispatcher());
        Stage stage = new Stage();
        stage.setOnHidden(e -> {
            model.shutdown();
            open = null;
        });
        model.attach(tracker, "this wallet");
        try {
            TrackerWindow.show(stage, model, false);
        } catch (IOException e) {
            model.shutdown();
            throw new UncheckedIOException(e);
        }
        if (owner != null) {
            stage.setX(owner.getX() + 40);
            stage.setY(owner.getY() + 40);
        }
        open = stage;
    }
}
