package org.peerchain.node;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.peerchain.consensus.ChainParams;
import org.peerchain.core.Address;
import org.peerchain.node.api.ChainService;
import org.peerchain.node.api.CoinScan;
import org.peerchain.node.rpc.RpcErrors;
import org.peerchain.node.rpc.RpcException;
import org.peerchain.node.rpc.RpcParams;

/**
 * bitcoind's {@code scantxoutset ACTION [SCANOBJECTS]} over the chain service's coin scan: {@code start} scans for
 * {@code addr(ADDRESS)} descriptors (strings or {@code {"desc": ...}} objects) or plain addresses and answers when
 * done; {@code status} gives the running scan's progress in percent (null when none runs); {@code abort} stops it.
 * One scan runs at a time, as in bitcoind.
 */
final class ScanTxOutSet {
    private static final String ADDR_PREFIX = "addr(";

    private final ChainService service;
    private final ChainParams params;
    private final AtomicReference<CoinScan> running = new AtomicReference<>();

    ScanTxOutSet(ChainService service, ChainParams params) {
        this.service = service;
        this.params = params;
    }

    JsonElement call(RpcParams p) throws RpcException {
        String action = p.requireString(0, "action");
        return switch (action) {
            case "start" -> start(p);
            case "status" -> {
                CoinScan scan = running.get();
                if (scan == null) {
                    yield JsonNull.INSTANCE;
                }
                JsonObject o = new JsonObject();
                o.addProperty("progress", Math.round(scan.progress() * 10_000) / 100.0);
                yield o;
            }
            case "abort" -> {
                CoinScan scan = running.get();
                if (scan != null) {
                    scan.cancel();
                }
                yield new JsonPrimitive(scan != null);
            }
            default -> throw new RpcException(RpcErrors.INVALID_PARAMETER,
                    "Invalid action '" + action + "': use start, status or abort");
        };
    }

    private JsonElement start(RpcParams p) throws RpcException {
        if (!p.has(1) || !p.get(1).isJsonArray()) {
            throw new RpcException(RpcErrors.MISC_ERROR,
                    "scanobjects must be an array of addr(ADDRESS) descriptors or addresses to start a scan");
        }
        List<String> addresses = new ArrayList<>();
        for (JsonElement object : p.get(1).getAsJsonArray()) {
            addresses.add(address(object));
        }
        CoinScan scan;
        synchronized (running) {
            if (running.get() != null) {
                throw new RpcException(RpcErrors.INVALID_PARAMETER,
                        "Scan already in progress, use action \"abort\" or \"status\"");
            }
            try {
                scan = service.scanCoins(addresses);
            } catch (IllegalArgumentException e) {
                throw new RpcException(RpcErrors.INVALID_ADDRESS_OR_KEY, e.getMessage());
            }
            running.set(scan);
        }
        try {
            return resultJson(scan.result().get());
        } catch (CancellationException e) {
            return abortedJson();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof CancellationException) {
                return abortedJson();
            }
            throw new RpcException(RpcErrors.MISC_ERROR, "The scan failed: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            scan.cancel();
            Thread.currentThread().interrupt();
            throw new RpcException(RpcErrors.MISC_ERROR, "The scan was interrupted");
        } finally {
            running.compareAndSet(scan, null);
        }
    }

    /** An address out of one scan object, checked against this network, or -5 naming the object. */
    private String address(JsonElement object) throws RpcException {
        String text;
        if (object.isJsonPrimitive() && object.getAsJsonPrimitive().isString()) {
            text = object.getAsString();
        } else if (object.isJsonObject() && object.getAsJsonObject().has("desc")
                && object.getAsJsonObject().get("desc").isJsonPrimitive()) {
            text = object.getAsJsonObject().get("desc").getAsString();
        } else {
            throw new RpcException(RpcErrors.INVALID_ADDRESS_OR_KEY, "Scan object " + object
                    + " is neither a descriptor string nor an object with \"desc\"");
        }
        String address = text.strip();
        int checksum = address.indexOf('#');
        if (checksum >= 0) {
            address = address.substring(0, checksum);
        }
        if (address.startsWith(ADDR_PREFIX) && address.endsWith(")")) {
            address = address.substring(ADDR_PREFIX.length(), address.length() - 1);
        } else if (address.contains("(")) {
            throw new RpcException(RpcErrors.INVALID_ADDRESS_OR_KEY, "Scan object '" + text
                    + "' is not supported: only addr(ADDRESS) descriptors and plain addresses are");
        }
        try {
            return Address.parse(address, params.addressPrefix()).encode();
        } catch (IllegalArgumentException e) {
            throw new RpcException(RpcErrors.INVALID_ADDRESS_OR_KEY,
                    "Invalid address '" + address + "': " + e.getMessage());
        }
    }

    private static JsonObject resultJson(CoinScan.Result r) {
        JsonObject o = new JsonObject();
        o.addProperty("success", true);
        o.addProperty("txouts", r.coinsSearched());
        o.addProperty("height", r.height());
        o.addProperty("bestblock", r.bestBlock().toHex());
        JsonArray unspents = new JsonArray();
        for (CoinScan.Coin c : r.coins()) {
            JsonObject u = new JsonObject();
            u.addProperty("txid", c.txid().toHex());
            u.addProperty("vout", c.index());
            u.addProperty("address", c.address());
            u.addProperty("desc", ADDR_PREFIX + c.address() + ")");
            u.add("amount", RpcJson.amount(c.amount()));
            u.addProperty("height", c.height());
            unspents.add(u);
        }
        o.add("unspents", unspents);
        o.add("total_amount", RpcJson.amount(r.totalAmount()));
        return o;
    }

    /** bitcoind answers an aborted start with success false. */
    private static JsonObject abortedJson() {
        JsonObject o = new JsonObject();
        o.addProperty("success", false);
        return o;
    }
}
