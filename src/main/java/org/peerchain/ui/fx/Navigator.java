package org.peerchain.ui.fx;

/** Moves the main window between screens; a screen asks it to show something another screen owns. */
public interface Navigator {
    void open(ScreenId screen);

    /** Opens the explorer on a height, block hash, transaction id or address, as its search box would. */
    void explore(String query);
}
