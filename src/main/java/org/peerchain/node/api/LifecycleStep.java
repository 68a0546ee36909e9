package org.peerchain.node.api;

/** Where a node is in its life, in the order a start goes through them. */
public enum LifecycleStep {
    OPENING_DATABASE("Opening the database"),
    LOADING_BLOCK_INDEX("Loading the block index"),
    WALLET_CATCH_UP("Bringing the wallet up to the chain"),
    STARTING_NETWORK("Starting the network"),
    READY("Ready"),
    STOPPING("Stopping"),
    STOPPED("Stopped"),
    FAILED("Could not start");

    private final String label;

    LifecycleStep(String label) {
        this.label = label;
    }

    /** The step in words, as a person reads it. */
    public String label() {
        return label;
    }
}
