package org.peerchain.node.api;

/**
 * A fee rate, in base units per byte, expected to confirm a transaction within {@code targetBlocks}, from the fee
 * rates of transactions in recent blocks and in the mempool. {@code samples} counts the transactions it rests on;
 * with none, or when the data ask for less, it is the {@code floor} (the least the mempool accepts) and
 * {@code atFloor} is true.
 */
public record FeeEstimate(int targetBlocks, long feeRate, long floor, boolean atFloor, int samples) {
}
