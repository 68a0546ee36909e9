package org.peerchain.ui.fx;

import javafx.scene.Parent;

/**
 * One screen of the main window. It is built when first opened; {@link #activate()} runs each time it is shown
 * and {@link #deactivate()} each time it is hidden, so a hidden screen holds no subscriptions and runs no timers.
 */
public interface Screen {
    Parent view();

    void activate();

    void deactivate();
}
