package org.peerchain.node;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
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
import org.peerchain.core.OutPoint;
import org.peerchain.node.api.AddressCheck;
import org.peerchain.node.api.FeeEstimate;
import org.peerchain.node.api.ReceiveAddress;
import org.peerchain.node.api.WalletCoin;
import org.peerchain.node.api.WalletService;
import org.peerchain.node.api.WalletServiceException;
import org.peerchain.node.rpc.RpcErrors;
import org.peerchain.node.rpc.RpcException;
import org.peerchain.node.rpc.RpcMethods;
import org.peerchain.node.rpc.RpcParams;
import org.peerchain.wallet.KeyPath;
import org.peerchain.wallet.SendResult;
import org.peerchain.wallet.Wallet;
import org.peerchain.wallet.WalletBalances;
import org.peerchain.wallet.WalletException;
import org.peerchain.wallet.WalletInfo;
import org.peerchain.wallet.WalletLock;
import org.peerchain.wallet.WalletOutput;
import org.peerchain.wallet.WalletTransaction;

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
    /** bitcoind's RPC_WALLET_INVALID_LABEL_NAME. */
    static final int WALLET_INVALID_LABEL_NAME = -11;
    /** bitcoind quotes fee rates per 1,000 (virtual) bytes. */
    static final long BYTES_PER_KVB = 1_000;
    static final Set<String> ESTIMATE_MODES = Set.of("unset", "economical", "conservative");

    private final Node node;

    WalletRpc(Node node) {
        this.node = node;
    }

    void register(RpcMethods m) {
        registerDesktopTwins(m);
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
        m.register("walletpassphrasechange", List.of("oldpassphrase", "newpassphrase"), this::passphraseChange);
        m.register("backupwallet", List.of("destination"), this::backup);
    }

    /** The wallet service, which every method below goes through (as the desktop's screens do). */
    private WalletService service() {
        return node.services().wallet();
    }

    /** A wallet service error with bitcoind's code for it. */
    static RpcException error(WalletServiceException e) {
        int code = switch (e.reason()) {
            case NO_WALLET -> RpcErrors.WALLET_NOT_FOUND;
            case ALREADY_EXISTS, STORAGE, REJECTED, STALE_REVIEW, WORDS_NOT_KEPT -> RpcErrors.WALLET_ERROR;
            case LOCKED -> RpcErrors.WALLET_UNLOCK_NEEDED;
            case WRONG_PASSWORD -> RpcErrors.WALLET_PASSPHRASE_INCORRECT;
            case INVALID_ADDRESS, UNKNOWN_TRANSACTION -> RpcErrors.INVALID_ADDRESS_OR_KEY;
            case INVALID_AMOUNT -> RpcErrors.TYPE_ERROR;
            case INSUFFICIENT_FUNDS -> RpcErrors.WALLET_INSUFFICIENT_FUNDS;
            case KEYPOOL_EXHAUSTED -> RpcErrors.WALLET_KEYPOOL_RAN_OUT;
            case INVALID_LABEL -> WALLET_INVALID_LABEL_NAME;
            case INVALID_PASSWORD, INVALID_PHRASE, INVALID_FEE_RATE, AMOUNT_BELOW_DUST, UNKNOWN_COIN ->
                    RpcErrors.INVALID_PARAMETER;
        };
        String message = e.reason() == WalletServiceException.Reason.NO_WALLET ? NO_WALLET
                : e.reason() == WalletServiceException.Reason.WRONG_PASSWORD
                        ? "Error: The wallet passphrase entered was incorrect."
                        : e.reason() == WalletServiceException.Reason.LOCKED
                                ? "Error: Please enter the wallet passphrase with walletpassphrase first."
                                : e.getMessage();
        return new RpcException(code, message);
    }

    private void registerDesktopTwins(RpcMethods m) {
        m.register("estimatesmartfee", List.of("conf_target", "estimate_mode"), this::estimateSmartFee);
        m.register("listreceivedbyaddress", List.of("minconf", "include_empty", "include_watchonly", "address_filter"),
                this::listReceivedByAddress);
        m.register("setlabel", List.of("address", "label"), this::setLabel);
        m.register("getaddressinfo", List.of("address"), this::addressInfo);
        m.register("walletlock", List.of(), p -> {
            try {
                service().lock();
            } catch (WalletServiceException e) {
                throw error(e);
            }
            return JsonNull.INSTANCE;
        });
        m.register("lockunspent", List.of("unlock", "transactions", "persistent"), this::lockUnspent);
        m.register("listlockunspent", List.of(), p -> listLockUnspent());
        m.register("createwallet", List.of("wallet_name", "disable_private_keys", "blank", "passphrase", "avoid_reuse",
                "descriptors", "load_on_startup", "external_signer"), this::createWallet);
    }

    private JsonElement estimateSmartFee(RpcParams p) throws RpcException {
        int target = p.requireInt(0, "conf_target");
        if (target < 1 || target > WalletService.MAX_FEE_TARGET) {
            throw new RpcException(RpcErrors.INVALID_PARAMETER, "Invalid conf_target, must be between 1 and "
                    + WalletService.MAX_FEE_TARGET);
        }
        String mode = p.optionalString(1, "estimate_mode", "unset");
        if (!ESTIMATE_MODES.contains(mode.toLowerCase(java.util.Locale.ROOT))) {
            throw new RpcException(RpcErrors.INVALID_PARAMETER, "Invalid estimate_mode parameter, must be one of:"
                    + " \"unset\", \"economical\", \"conservative\"");
        }
        FeeEstimate f = service().estimateFee(target);
        JsonObject o = new JsonObject();
        o.add("feerate", RpcJson.amount(f.feeRate() * BYTES_PER_KVB));
        if (f.samples() == 0) {
            JsonArray errors = new JsonArray();
            errors.add("Insufficient data or no feerate found; the feerate given is the relay floor");
            o.add("errors", errors);
        }
        o.addProperty("blocks", f.targetBlocks());
        return o;
    }

    private JsonElement listReceivedByAddress(RpcParams p) throws RpcException {
        int minConf = p.optionalInt(0, "minconf", 1);
        if (minConf < 0) {
            throw new RpcException(RpcErrors.INVALID_PARAMETER, "minconf cannot be negative");
        }
        boolean includeEmpty = p.optionalBoolean(1, "include_empty", false);
        p.optionalBoolean(2, "include_watchonly", false);
        String filter = p.optionalString(3, "address_filter", "");
        if (!filter.isEmpty()) {
            AddressCheck check = service().checkAddress(filter);
            if (!check.valid()) {
                throw new RpcException(RpcErrors.INVALID_ADDRESS_OR_KEY, "address_filter parameter was invalid: "
                        + check.problem().orElse(""));
            }
        }
        JsonArray a = new JsonArray();
        try {
            for (ReceiveAddress r : service().receiveAddresses(minConf)) {
                if ((!includeEmpty && r.received() == 0) || (!filter.isEmpty() && !filter.strip().equals(r.address()))) {
                    continue;
                }
                JsonObject o = new JsonObject();
                o.addProperty("address", r.address());
                o.add("amount", RpcJson.amount(r.received()));
                o.addProperty("confirmations", r.confirmations());
                o.addProperty("label", r.label());
                JsonArray txids = new JsonArray();
                r.txids().forEach(h -> txids.add(h.toHex()));
                o.add("txids", txids);
                a.add(o);
            }
        } catch (WalletServiceException e) {
            throw error(e);
        }
        return a;
    }

    private JsonElement setLabel(RpcParams p) throws RpcException {
        String address = p.requireString(0, "address");
        String label = p.requireString(1, "label");
        if (ALL_LABELS.equals(label)) {
            throw new RpcException(WALLET_INVALID_LABEL_NAME, "Invalid label name: '*' means every label");
        }
        try {
            service().setAddressLabel(address, label);
        } catch (WalletServiceException e) {
            throw error(e);
        }
        return JsonNull.INSTANCE;
    }

    private JsonElement addressInfo(RpcParams p) throws RpcException {
        String text = p.requireString(0, "address");
        AddressCheck check = service().checkAddress(text);
        if (!check.valid()) {
            throw new RpcException(RpcErrors.INVALID_ADDRESS_OR_KEY, "Invalid address: " + check.problem().orElse(""));
        }
        Address a = Address.parse(check.address(), node.params().addressPrefix());
        java.util.Optional<KeyPath> path = node.wallet().flatMap(w -> w.keyPath(a));
        JsonObject o = new JsonObject();
        o.addProperty("address", check.address());
        o.addProperty("ismine", check.mine());
        o.addProperty("solvable", check.mine());
        o.addProperty("iswatchonly", false);
        o.addProperty("isscript", false);
        o.addProperty("iswitness", false);
        o.addProperty("ischange", path.map(k -> k.chain() == KeyPath.CHANGE).orElse(false));
        path.ifPresent(k -> o.addProperty("hdkeypath", k.toString()));
        JsonArray labels = new JsonArray();
        if (check.mine()) {
            labels.add(check.label());
        }
        o.add("labels", labels);
        return o;
    }

    private JsonElement lockUnspent(RpcParams p) throws RpcException {
        boolean unlock = p.requireBoolean(0, "unlock");
        if (p.has(2) && !unlock && p.requireBoolean(2, "persistent")) {
            throw new RpcException(RpcErrors.INVALID_PARAMETER, "Persistent locks are not supported: a lock lasts until"
                    + " the node stops; lock the outputs again after a restart");
        }
        List<OutPoint> outpoints = new ArrayList<>();
        if (p.has(1)) {
            JsonElement list = p.get(1);
            if (!list.isJsonArray()) {
                throw new RpcException(RpcErrors.TYPE_ERROR, "Wrong type passed: parameter 2 (transactions) must be of"
                        + " type array");
            }
            for (JsonElement e : list.getAsJsonArray()) {
                outpoints.add(outpoint(e));
            }
        }
        try {
            if (unlock && !p.has(1)) {
                node.wallet().orElseThrow(() -> new RpcException(RpcErrors.WALLET_NOT_FOUND, NO_WALLET)).unlockAllCoins();
            } else if (!outpoints.isEmpty()) {
                service().setCoinsLocked(outpoints, !unlock);
            }
        } catch (WalletServiceException e) {
            throw error(e);
        }
        return new JsonPrimitive(true);
    }

    private static OutPoint outpoint(JsonElement e) throws RpcException {
        if (!e.isJsonObject() || !e.getAsJsonObject().has("txid") || !e.getAsJsonObject().has("vout")) {
            throw new RpcException(RpcErrors.INVALID_PARAMETER, "Invalid parameter, each transaction must be an object"
                    + " {\"txid\": hex, \"vout\": n}, not " + e);
        }
        JsonObject o = e.getAsJsonObject();
        Hash txid;
        try {
            txid = Hash.fromHex(o.get("txid").getAsString());
        } catch (RuntimeException ex) {
            throw new RpcException(RpcErrors.INVALID_PARAMETER, "txid must be of length 64 (not "
                    + o.get("txid").toString().length() + ") and hexadecimal: " + o.get("txid"));
        }
        long vout;
        try {
            vout = o.get("vout").getAsLong();
        } catch (RuntimeException ex) {
            throw new RpcException(RpcErrors.TYPE_ERROR, "vout must be a number, not " + o.get("vout"));
        }
        if (vout < 0 || vout > Integer.MAX_VALUE) {
            throw new RpcException(RpcErrors.INVALID_PARAMETER, "Invalid parameter, vout cannot be negative");
        }
        return new OutPoint(txid, (int) vout);
    }

    private JsonElement listLockUnspent() throws RpcException {
        JsonArray a = new JsonArray();
        try {
            for (WalletCoin c : service().coins()) {
                if (c.locked()) {
                    JsonObject o = new JsonObject();
                    o.addProperty("txid", c.outpoint().txid().toHex());
                    o.addProperty("vout", c.outpoint().index());
                    a.add(o);
                }
            }
        } catch (WalletServiceException e) {
            throw error(e);
        }
        return a;
    }

    /**
     * {@code createwallet "" false false "passphrase"}: PeerChain has one wallet per data directory, always encrypted
     * and with keys, so the name must be empty and the passphrase (of at least 8 characters) is required. The result
     * adds the recovery words, the one time they are shown.
     */
    private JsonElement createWallet(RpcParams p) throws RpcException {
        String name = p.requireString(0, "wallet_name");
        if (!name.isEmpty()) {
            throw new RpcException(RpcErrors.INVALID_PARAMETER, "PeerChain has one wallet per data directory: give"
                    + " wallet_name as \"\"");
        }
        if (p.optionalBoolean(1, "disable_private_keys", false) || p.optionalBoolean(2, "blank", false)) {
            throw new RpcException(RpcErrors.INVALID_PARAMETER, "PeerChain wallets always hold their keys: leave"
                    + " disable_private_keys and blank false");
        }
        String passphrase = p.optionalString(3, "passphrase", "");
        if (passphrase.length() < WalletCreation.MIN_PASSWORD_LENGTH) {
            throw new RpcException(RpcErrors.INVALID_PARAMETER, "A wallet passphrase of at least "
                    + WalletCreation.MIN_PASSWORD_LENGTH + " characters is required (parameter 4, passphrase): the"
                    + " keystore is always encrypted");
        }
        List<String> words;
        try {
            words = service().create(passphrase.toCharArray(), "");
        } catch (WalletServiceException e) {
            if (e.reason() == WalletServiceException.Reason.ALREADY_EXISTS) {
                throw new RpcException(RpcErrors.WALLET_ERROR, "Wallet already exists in " + node.config().dataDir());
            }
            throw error(e);
        }
        JsonObject o = new JsonObject();
        o.addProperty("name", "");
        o.addProperty("warning", "Write the recovery words down and keep them safe: they are shown only now, and"
                + " they restore the wallet if its files are lost.");
        JsonArray list = new JsonArray();
        words.forEach(list::add);
        o.add("recovery_words", list);
        return o;
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
            return new JsonPrimitive(service().newAddress(label).address());
        } catch (WalletServiceException e) {
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

    /**
     * {@code settxfee AMOUNT}: coins per 1,000 bytes, as bitcoind; stored as whole base units per byte, so a rate
     * between two of those is refused rather than rounded. Below the relay minimum no send could leave the node.
     */
    private JsonElement setTxFee(RpcParams p) throws RpcException {
        long perKb = amount(p, 0, "amount");
        long minPerKb = org.peerchain.mempool.Mempool.MIN_RELAY_FEE_PER_BYTE * 1000;
        if (perKb < minPerKb) {
            throw new RpcException(RpcErrors.INVALID_PARAMETER, "txfee cannot be less than the relay fee "
                    + RpcJson.amount(minPerKb) + " (per 1,000 bytes): sends with a lower fee would be refused");
        }
        if (perKb % 1000 != 0) {
            throw new RpcException(RpcErrors.INVALID_PARAMETER, "txfee " + RpcJson.amount(perKb) + " is not a whole"
                    + " number of base units per byte; use a multiple of " + RpcJson.amount(1000));
        }
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
        try {
            // the service wipes the array; the JSON string it came from cannot be wiped
            service().unlock(passphrase.toCharArray(), Duration.ofSeconds(Math.min(timeout, WalletLock.MAX_UNLOCK_SECONDS)));
        } catch (WalletServiceException e) {
            throw error(e);
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
            // the service wipes both arrays; the JSON strings they came from cannot be wiped
            service().changePassword(oldPass.toCharArray(), newPass.toCharArray());
        } catch (WalletServiceException e) {
            throw error(e);
        }
        return JsonNull.INSTANCE;
    }

    private JsonElement backup(RpcParams p) throws RpcException {
        String destination = p.requireString(0, "destination");
        try {
            service().backup(Path.of(destination));
        } catch (java.nio.file.InvalidPathException e) {
            throw new RpcException(RpcErrors.WALLET_ERROR, "Error: Wallet backup failed! " + e.getMessage());
        } catch (WalletServiceException e) {
            if (e.reason() == WalletServiceException.Reason.NO_WALLET) {
                throw error(e);
            }
            throw new RpcException(RpcErrors.WALLET_ERROR, "Error: Wallet backup failed! " + e.getMessage());
        }
        return JsonNull.INSTANCE;
    }
}
