package org.peerchain.ui.send;

import org.peerchain.core.Hash;

/** How a confirmed send ended, for the flow that asked: sent, or the password to ask (again), or a failure in words. */
public sealed interface SendOutcome {
    /** The node took the transaction; {@code text} says so ("Sent 1.50 PCH to tK2…; transaction 3f2a…"). */
    record Sent(Hash txid, String text) implements SendOutcome {
    }

    /** The wallet is locked (perhaps locked again since the review): ask for the password. */
    record PasswordNeeded() implements SendOutcome {
    }

    /** The password given was not the wallet's; {@code message} says so. */
    record WrongPassword(String message) implements SendOutcome {
    }

    /** Nothing was sent; {@code message} says why. The form keeps what was typed. */
    record Failed(String message) implements SendOutcome {
    }
}
