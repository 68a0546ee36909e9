/**
 * The node's application services: the one road from a front end (the desktop's screens, the command line,
 * the RPC methods) to a running node. Interfaces and immutable value types only; the node implements them.
 * Events are plain records with numbers, not preformatted text, published on the node's threads: a listener
 * returns quickly and hands anything slow to its own executor (the desktop's {@code FxDispatcher}).
 */
package org.peerchain.node.api;
