package org.peerchain.node;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.peerchain.core.Address;
import org.peerchain.core.Amount;
import org.peerchain.core.Hash;
import org.peerchain.node.rpc.RpcErrors;
import org.peerchain.node.rpc.RpcException;
import org.peerchain.node.rpc.RpcMethods;
import org.peerchain.node.rpc.RpcParams;
import org.peerchain.wallet.KeystoreCorruptedException;
import org.peerchain.wallet.KeystoreException;
import org.peerchain.wallet.SendResult;
import org.peerchain.wallet.Wallet;
import org.peerchain.wallet.WalletBalances;
import org.peerchain.wallet.WalletException;
import org.peerchain.wallet.WalletInfo;
import org.peerchain.wallet.WalletLock;
import org.peerchain.wallet.WalletOutput;
import org.peerchain.wallet.WalletTransaction;
import org.peerchain.wallet.WrongPasswordException;

/**
 * The wallet's methods with bitcoind's names, parameters, result fields and error codes. Amounts are coins with 8
 * decimals. Without a wallet in the data directory every one of them answers -18 and says how to make one.
 */
final class WalletRpc {
    /** bitcoind's default {@code listunspent} maxconf. */
    static final int MAX_CONFIRMATIONS = 9_999_999;
    static final int DEFAULT_LIST_COUNT = 10;
    static final String ALL_LABELS = "*";
    static final String NO_WALLET = "No wallet is loaded. Stop the node and start it once with --create-wallet (a new"
            + " wallet) or --restore-wallet (from its recovery phrase); see docs/WALLET.md.";
    private static final HexFormat HEX = HexFormat.of();

    private final Node node;

    WalletRpc(Node node) {
        this.node = node;
    }

    void register(RpcMethods m) {
        m.register("getnewaddress", List.of("label", "address_type"), this::newAddress);
        m.register("getbalance", List.of("dummy", "minconf", "include_watchonly", "avoid_reuse"), this::balance);
        m.register("getbalances", List.of(), p -> balances());
        m.register("getwalletinfo", List.of(), p -> walletInfo());
        m.register("sendtoaddress", List.of("address", "amount", "comment", "comment_to", "subtractfeefromamount",
                "replaceable", "conf_target", "estimate_mode", "avoid_reuse", "fee_rate"), this::sendToAddress);
        m.register("gettransaction", List.of("txid", "include_watchonly", "verbose"), this::transaction);
        m.register("listtransactions", List.of("label", "count", "skip", "include_watchonly"), this::listTransactions);
        m.register("listunspent", List.of("minconf", "maxconf", "addresses"), this::listUnspent);
        m.register("settxfee", List.of("amount"), this::setTxFee);
        m.register("walletpassphrase", List.of("passphrase", "timeout"), this::walletPassphrase);
        m.register("walletlock", List.of(), p -> {
            wallet().lock();
            return JsonNull.INSTANCE;
        });
        m.register("walletpassphrasechange", List.of("oldpassphrase", "newpassphrase"), this::passphraseChange);
        m.register("backupwallet", List.of("destination"), this::backup);
    }

    private Wallet wallet() throws RpcException {
        return node.wallet().orElseThrow(() -> new RpcException(RpcErrors.WALLET_NOT_FOUND, NO_WALLET));
    }

    private static RpcException error(WalletException e) {
        int code = switch (e.reason()) {
            case INSUFFICIENT_FUNDS -> RpcErrors.WALLET_INSUFFICIENT_FUNDS;
            case AMOUNT_BELOW_DUST, INVALID_FEE_RATE, UNKNOWN_COIN -> RpcErrors.INVALID_PARAMETER;
            case INVALID_AMOUNT -> RpcErrors.TYPE_ERROR;
            case LOCKED -> RpcErrors.WALLET_UNLOCK_NEEDED;
            case KEYPOOL_EXHAUSTED -> RpcErrors.WALLET_KEYPOOL_RAN_OUT;
            case REJECTED, STORAGE, STALE_DRAFT -> RpcErrors.WALLET_ERROR;
        };
        return new RpcException(code, e.getMessage());
    }

    private Address address(RpcParams p, int i, String name) throws RpcException {
        String text = p.requireString(i, name);
        try {
            return Address.parse(text, node.params().addressPrefix());
        } catch (IllegalArgumentException e) {
            throw new RpcException(RpcErrors.INVALID_ADDRESS_OR_KEY, "Invalid PeerChain address: " + e.getMessage());
        }
    }

    /** An amount in coins, given as a JSON number or a string, as bitcoind accepts. */
    private static long amount(RpcParams p, int i, String name) throws RpcException {
        if (!p.has(i)) {
            p.requireString(i, name);
        }
        JsonElement e = p.get(i);
        if (!e.isJsonPrimitive() || e.getAsJsonPrimitive().isBoolean()) {
            throw new RpcException(RpcErrors.TYPE_ERROR, "Amount is not a number or string: parameter " + (i + 1)
                    + " (" + name + ")");
        }
        try {
            return Amount.parse(e.getAsString());
        } catch (IllegalArgumentException ex) {
            throw new RpcException(RpcErrors.TYPE_ERROR, "Invalid amount: " + ex.getMessage());
        }
    }

    private JsonElement newAddress(RpcParams p) throws RpcException {
        String label = p.optionalString(0, "label", "");
        if (ALL_LABELS.equals(label)) {
            throw new RpcException(RpcErrors.WALLET_ERROR, "Invalid label name: '*' means every label");
        }
        if (p.has(1)) {
            throw new RpcException(RpcErrors.INVALID_PARAMETER, "PeerChain has one address type; leave address_type out");
        }
        try {
            return new JsonPrimitive(wallet().newAddress(label).encode());
        } catch (WalletException e) {
            throw error(e);
        }
    }

    private JsonElement balance(RpcParams p) throws RpcException {
        if (p.has(0) && !ALL_LABELS.equals(p.optionalString(0, "dummy", ALL_LABELS))) {
            throw new RpcException(RpcErrors.INVALID_PARAMETER, "dummy first argument must be excluded or set to \"*\".");
        }
        int minConf = p.optionalInt(1, "minconf", 0);
        if (minConf < 0) {
            throw new RpcException(RpcErrors.INVALID_PARAMETER, "minconf cannot be negative");
        }
        return RpcJson.amount(wallet().balance(minConf));
    }

    private JsonElement balances() throws RpcException {
        Wallet w = wallet();
        WalletBalances b = w.balances();
        WalletInfo info = w.info();
        JsonObject mine = new JsonObject();
        mine.add("trusted", RpcJson.amount(b.trusted()));
        mine.add("untrusted_pending", RpcJson.amount(b.untrustedPending()));
        mine.add("immature", RpcJson.amount(b.immature()));
        JsonObject o = new JsonObject();
        o.add("mine", mine);
        o.add("lastprocessedblock", lastBlock(info));
        return o;
    }

    private static JsonObject lastBlock(WalletInfo info) {
        JsonObject last = new JsonObject();
        last.addProperty("hash", info.lastBlockHash() == null ? "" : info.lastBlockHash().toHex());
        last.addProperty("height", info.lastBlockHeight());
        return last;
    }

    private JsonElement walletInfo() throws RpcException {
        WalletInfo info = wallet().info();
        JsonObject o = new JsonObject();
        o.addProperty("walletname", "");
        o.addProperty("walletversion", 1);
        o.addProperty("format", "sqlite");
        o.add("balance", RpcJson.amount(info.balances().trusted()));
        o.add("unconfirmed_balance", RpcJson.amount(info.balances().untrustedPending()));
        o.add("immature_balance", RpcJson.amount(info.balances().immature()));
        o.addProperty("txcount", info.txCount());
        o.addProperty("keypoolsize", info.keypoolReceive());
        o.addProperty("keypoolsize_hd_internal", info.keypoolChange());
        o.addProperty("unlocked_until", info.unlockedUntil().map(Instant::getEpochSecond).orElse(0L));
        o.add("paytxfee", RpcJson.amount(info.feeRate() * 1000));
        o.addProperty("private_keys_enabled", true);
        o.addProperty("avoid_reuse", false);
        o.addProperty("scanning", false);
        o.addProperty("descriptors", false);
        o.add("lastprocessedblock", lastBlock(info));
        return o;
    }

    private JsonElement sendToAddress(RpcParams p) throws RpcException {
        Address to = address(p, 0, "address");
        long amount = amount(p, 1, "amount");
        String comment = p.optionalString(2, "comment", "");
        String commentTo = p.optionalString(3, "comment_to", "");
        boolean subtractFee = p.optionalBoolean(4, "subtractfeefromamount", false);
        String[] unsupported = {"replaceable", "conf_target", "estimate_mode", "avoid_reuse"};
        for (int i = 0; i < unsupported.length; i++) {
            if (p.has(5 + i)) {
                throw new RpcException(RpcErrors.INVALID_PARAMETER, "PeerChain does not support " + unsupported[i]
                        + "; leave it out (use fee_rate, in base units per byte, to set the fee)");
            }
        }
        Wallet w = wallet();
        long rate = p.optionalLong(9, "fee_rate", w.feeRate());
        try {
            SendResult r = w.send(to, amount, subtractFee, rate, comment, commentTo);
            return new JsonPrimitive(r.txid().toHex());
        } catch (WalletException e) {
            throw error(e);
        }
    }

    private JsonElement transaction(RpcParams p) throws RpcException {
        Hash txid = p.requireHash(0, "txid");
        WalletTransaction t = wallet().transaction(txid).orElseThrow(() ->
                new RpcException(RpcErrors.INVALID_ADDRESS_OR_KEY, "Invalid or non-wallet transaction id"));
        JsonObject o = new JsonObject();
        o.add("amount", RpcJson.amount(t.amount()));
        if (t.fromMe()) {
            o.add("fee", RpcJson.amount(t.fee()));
        }
        addStatus(o, t);
        JsonArray details = new JsonArray();
        for (WalletTransaction.Entry e : t.entries()) {
            details.add(entryJson(t, e, false));
        }
        o.add("details", details);
        o.addProperty("hex", HEX.formatHex(t.tx().serialize()));
        return o;
    }

    private static void addStatus(JsonObject o, WalletTransaction t) {
        o.addProperty("confirmations", t.confirmations());
        if (t.coinbase()) {
            o.addProperty("generated", true);
        }
        if (t.confirmations() == 0 && !t.coinbase()) {
            o.addProperty("trusted", t.fromMe());
        }
        if (t.blockHash() != null) {
            o.addProperty("blockhash", t.blockHash().toHex());
            o.addProperty("blockheight", t.blockHeight());
            o.addProperty("blockindex", t.blockIndex());
            o.addProperty("blocktime", t.blockTime());
        }
        o.addProperty("txid", t.txid().toHex());
        JsonArray conflicts = new JsonArray();
        t.conflicts().forEach(h -> conflicts.add(h.toHex()));
        o.add("walletconflicts", conflicts);
        o.addProperty("time", t.time());
        o.addProperty("timereceived", t.timeReceived());
        if (!t.comment().isEmpty()) {
            o.addProperty("comment", t.comment());
        }
        if (!t.commentTo().isEmpty()) {
            o.addProperty("to", t.commentTo());
        }
        o.addProperty("bip125-replaceable", "no");
    }

    private static JsonObject entryJson(WalletTransaction t, WalletTransaction.Entry e, boolean withStatus) {
        JsonObject o = new JsonObject();
        o.addProperty("address", e.address().encode());
        o.addProperty("category", e.category());
        o.add("amount", RpcJson.amount(e.amount()));
        o.addProperty("label", e.label());
        o.addProperty("vout", e.vout());
        if ("send".equals(e.category())) {
            o.add("fee", RpcJson.amount(t.fee()));
            o.addProperty("abandoned", false);
        }
        if (withStatus) {
            addStatus(o, t);
        }
        return o;
    }

    private JsonElement listTransactions(RpcParams p) throws RpcException {
        String label = p.optionalString(0, "label", ALL_LABELS);
        int count = p.optionalInt(1, "count", DEFAULT_LIST_COUNT);
        int skip = p.optionalInt(2, "skip", 0);
        if (count < 0) {
            throw new RpcException(RpcErrors.INVALID_PARAMETER, "Negative count");
        }
        if (skip < 0) {
            throw new RpcException(RpcErrors.INVALID_PARAMETER, "Negative from");
        }
        List<JsonObject> all = new ArrayList<>();
        for (WalletTransaction t : wallet().history()) {
            for (WalletTransaction.Entry e : t.entries()) {
                if (ALL_LABELS.equals(label) || label.equals(e.label())) {
                    all.add(entryJson(t, e, true));
                }
            }
        }
        int end = Math.max(0, all.size() - skip);
        int start = Math.max(0, end - count);
        JsonArray a = new JsonArray();
        all.subList(start, end).forEach(a::add);
        return a;
    }

    private JsonElement listUnspent(RpcParams p) throws RpcException {
        int minConf = p.optionalInt(0, "minconf", 1);
        int maxConf = p.optionalInt(1, "maxconf", MAX_CONFIRMATIONS);
        Set<Address> only = new HashSet<>();
        if (p.has(2)) {
            JsonElement list = p.get(2);
            if (!list.isJsonArray()) {
                throw new RpcException(RpcErrors.TYPE_ERROR, "Wrong type passed: parameter 3 (addresses) must be of type"
                        + " array");
            }
            for (JsonElement e : list.getAsJsonArray()) {
                if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
                    throw new RpcException(RpcErrors.TYPE_ERROR, "addresses must be strings");
                }
                Address a;
                try {
                    a = Address.parse(e.getAsString(), node.params().addressPrefix());
                } catch (IllegalArgumentException ex) {
                    throw new RpcException(RpcErrors.INVALID_ADDRESS_OR_KEY, "Invalid PeerChain address: "
                            + e.getAsString() + ": " + ex.getMessage());
                }
                if (!only.add(a)) {
                    throw new RpcException(RpcErrors.INVALID_PARAMETER, "Invalid parameter, duplicated address: "
                            + e.getAsString());
                }
            }
        }
        JsonArray a = new JsonArray();
        for (WalletOutput u : wallet().unspent(minConf, maxConf)) {
            if (!only.isEmpty() && !only.contains(u.address())) {
                continue;
            }
            JsonObject o = new JsonObject();
            o.addProperty("txid", u.outpoint().txid().toHex());
            o.addProperty("vout", u.outpoint().index());
            o.addProperty("address", u.address().encode());
            o.addProperty("label", u.label());
            o.add("amount", RpcJson.amount(u.amount()));
            o.addProperty("confirmations", u.confirmations());
            o.addProperty("spendable", true);
            o.addProperty("solvable", true);
            o.addProperty("safe", u.safe());
            a.add(o);
        }
        return a;
    }

    /** {@code settxfee AMOUNT}: coins per 1,000 bytes, as bitcoind; stored as base units per byte. */
    private JsonElement setTxFee(RpcParams p) throws RpcException {
        long perKb = amount(p, 0, "amount");
        try {
            wallet().setFeeRate(perKb / 1000);
        } catch (WalletException e) {
            throw error(e);
        }
        return new JsonPrimitive(true);
    }

    private JsonElement walletPassphrase(RpcParams p) throws RpcException {
        String passphrase = p.requireString(0, "passphrase");
        long timeout = p.requireLong(1, "timeout");
        if (passphrase.isEmpty()) {
            throw new RpcException(RpcErrors.INVALID_PARAMETER, "passphrase cannot be empty");
        }
        if (timeout <= 0) {
            throw new RpcException(RpcErrors.INVALID_PARAMETER, "Timeout must be a positive number of seconds, got "
                    + timeout);
        }
        Wallet w = wallet();
        char[] password = passphrase.toCharArray();
        try {
            w.unlock(password, Duration.ofSeconds(Math.min(timeout, WalletLock.MAX_UNLOCK_SECONDS)));
        } catch (WrongPasswordException e) {
            throw new RpcException(RpcErrors.WALLET_PASSPHRASE_INCORRECT,
                    "Error: The wallet passphrase entered was incorrect.");
        } catch (KeystoreCorruptedException e) {
            throw new RpcException(RpcErrors.WALLET_ERROR, "Error: " + e.getMessage());
        } catch (KeystoreException | IOException e) {
            throw new RpcException(RpcErrors.WALLET_ERROR, "Error: cannot open the keystore: " + e.getMessage());
        } finally {
            java.util.Arrays.fill(password, '\0');
        }
        return JsonNull.INSTANCE;
    }

    private JsonElement passphraseChange(RpcParams p) throws RpcException {
        String oldPass = p.requireString(0, "oldpassphrase");
        String newPass = p.requireString(1, "newpassphrase");
        if (oldPass.isEmpty() || newPass.isEmpty()) {
            throw new RpcException(RpcErrors.INVALID_PARAMETER, "passphrase cannot be empty");
        }
        try {
            wallet().changePassphrase(oldPass.toCharArray(), newPass.toCharArray());
        } catch (WrongPasswordException e) {
            throw new RpcException(RpcErrors.WALLET_PASSPHRASE_INCORRECT,
                    "Error: The wallet passphrase entered was incorrect.");
        } catch (KeystoreException | IOException e) {
            throw new RpcException(RpcErrors.WALLET_ERROR, "Error: " + e.getMessage());
        }
        return JsonNull.INSTANCE;
    }

    private JsonElement backup(RpcParams p) throws RpcException {
        String destination = p.requireString(0, "destination");
        try {
            wallet().backup(Path.of(destination));
        } catch (IOException | java.nio.file.InvalidPathException e) {
            throw new RpcException(RpcErrors.WALLET_ERROR, "Error: Wallet backup failed! " + e.getMessage());
        }
        return JsonNull.INSTANCE;
    }
}
