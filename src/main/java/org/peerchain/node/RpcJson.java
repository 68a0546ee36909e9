package org.peerchain.node;

import com.google.gson.JsonPrimitive;
import com.google.gson.internal.LazilyParsedNumber;
import org.peerchain.core.Amount;

/** JSON values in bitcoind's shapes. */
final class RpcJson {
    private RpcJson() {
    }

    /** An amount as a JSON number of coins with exactly 8 decimals ({@code 50.00000000}), as bitcoind prints it. */
    static JsonPrimitive amount(long units) {
        return new JsonPrimitive(new LazilyParsedNumber(Amount.format(units)));
    }
}
