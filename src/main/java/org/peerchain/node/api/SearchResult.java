package org.peerchain.node.api;

import org.peerchain.core.Hash;

/** What a search box query names. */
public sealed interface SearchResult {
    record BlockMatch(Hash hash, int height) implements SearchResult {
    }

    record TransactionMatch(Hash txid) implements SearchResult {
    }

    record AddressMatch(String address) implements SearchResult {
    }

    /** Nothing matched; {@code reason} says so plainly ("No block at height 900: the chain is 120 blocks high"). */
    record NoMatch(String reason) implements SearchResult {
    }
}
