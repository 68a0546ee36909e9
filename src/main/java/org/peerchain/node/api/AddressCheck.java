package org.peerchain.node.api;

import java.util.Optional;

/**
 * What an address as typed is: {@code valid} for this node's network; otherwise {@code problem} says why in words
 * (a character never in an address, a checksum that does not match, an address of another network: "this is a
 * test-network address"). {@code network} names the networks whose addresses look like this one (empty when the
 * text is no address at all); {@code mine} and {@code label} tell whether it is one of our addresses.
 */
public record AddressCheck(String address, boolean valid, String network, Optional<String> problem, boolean mine,
        String label) {
}
