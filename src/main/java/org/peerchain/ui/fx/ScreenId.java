package org.peerchain.ui.fx;

/** The main window's screens, in the order of its navigation rail. */
public enum ScreenId {
    OVERVIEW("Overview"),
    SEND("Send"),
    RECEIVE("Receive"),
    TRANSACTIONS("Transactions"),
    MINING("Mining"),
    EXPLORER("Explorer"),
    PEERS("Peers"),
    SETTINGS("Settings");

    private final String title;

    ScreenId(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
