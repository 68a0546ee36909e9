package org.peerchain.node.api;

/**
 * One of our receive addresses: its label, the base units received by it (in transactions with at least the
 * confirmations asked for), how many transactions paid it and the confirmations of the latest (0 for none).
 */
public record ReceiveAddress(String address, String label, long received, int transactions, int confirmations) {
}
