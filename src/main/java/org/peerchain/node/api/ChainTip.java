package org.peerchain.node.api;

import org.peerchain.core.Hash;

/** A chain tip as {@code getchaintips} reports it; {@code status} is active, valid-fork, headers-only or invalid. */
public record ChainTip(int height, Hash hash, int branchLength, String status) {
}
