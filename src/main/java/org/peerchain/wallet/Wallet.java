package org.peerchain.wallet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.peerchain.chain.BlockIndexEntry;
import org.peerchain.chain.ChainEvent;
import org.peerchain.chain.ChainState;
import org.peerchain.consensus.ChainParams;
import org.peerchain.consensus.ValidationException;
import org.peerchain.core.Address;
import org.peerchain.core.Amount;
import org.peerchain.core.Block;
import org.peerchain.core.Hash;
import org.peerchain.core.KeyHash;
import org.peerchain.core.OutPoint;
import org.peerchain.core.Transaction;
import org.peerchain.core.TxOutput;
import org.peerchain.events.EventBus;
import org.peerchain.mempool.MempoolEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's wallet: the keystore ({@value #KEYSTORE_FILE}, encrypted, opened only while unlocked) and the wallet
 * database ({@value WalletStore#FILE_NAME}: watched keys, transactions, where each stands). It follows the chain and
 * the mempool through their events, so balances and history track reorganisations and pending transactions appear
 * as soon as the mempool takes them.
 *
 * <p>Keys are hardened SLIP-0010 keys, so deriving one needs the seed: like bitcoind's keypool, the wallet keeps
 * {@value #KEYPOOL_SIZE} keys of each chain (receive, change) derived ahead of the last one used or handed out, and
 * watches them all. A new address comes from that pool even while the wallet is locked; the pool is topped up
 * whenever the wallet is unlocked. The same look-ahead is the gap limit of a restore.
 *
 * <p>Locking order: the chain's lock before this wallet's monitor. Chain and mempool events arrive with the chain's
 * lock held; {@link #send} takes it first. Reads take only the monitor and never call into the chain.
 */
public final class Wallet implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Wallet.class);
    public static final String KEYSTORE_FILE = "wallet.keystore";
    public static final String DATABASE_FILE = WalletStore.FILE_NAME;
    /** Keys of each chain kept derived and watched beyond the last one used or handed out (the gap limit). */
    public static final int KEYPOOL_SIZE = 200;
    /** The fee rate of sends unless set otherwise: base units per byte (about 0.00002 coin for a simple send). */
    public static final long DEFAULT_FEE_RATE = 10;
    /** Blocks scanned between two commits of a rescan, so a long rescan resumes where it stopped. */
    static final int SCAN_COMMIT_INTERVAL = 1_000;
    /** About how many progress events a scan sends, however many blocks it scans. */
    static final int SCAN_PROGRESS_STEPS = 100;
    static final String META_MINING_KEY = "mining_key";
    static final String MINING_LABEL = "mining";

    private final ChainParams params;
    private final ChainState chain;
    private final ReentrantLock chainLock;
    private final TransactionSubmitter submitter;
    private final Clock clock;
    private final WalletLock lock;
    /** Where changes are published; set once the wallet follows the chain. */
    private volatile EventBus events;
    private final WalletStore store;
    private final WalletLedger ledger;
    private final Path keystoreFile;
    private final List<AutoCloseable> subscriptions = new ArrayList<>();
    /** True while the database has no keys (opened from a keystore alone): the first unlock derives them and rescans. */
    private boolean awaitingKeys;
    /** Outputs kept out of automatic coin selection ({@code lockunspent}); forgotten at restart, as in bitcoind. */
    private final Set<OutPoint> lockedCoins = new java.util.HashSet<>();
    private long feeRate = DEFAULT_FEE_RATE;
    private boolean closed;

    private Wallet(ChainState chain, TransactionSubmitter submitter, Clock clock, Path dataDir, WalletStore store,
            WalletLedger ledger) {
        this.params = chain.params();
        this.chain = chain;
        this.chainLock = chain.lock();
        this.submitter = submitter;
        this.clock = clock;
        this.keystoreFile = dataDir.resolve(KEYSTORE_FILE);
        this.lock = new WalletLock(keystoreFile, clock);
        this.store = store;
        this.ledger = ledger;
    }

    /** True when {@code dataDir} holds a wallet keystore. */
    public static boolean exists(Path dataDir) {
        return Files.exists(dataDir.resolve(KEYSTORE_FILE));
    }

    /**
     * Makes a wallet in {@code dataDir}: the keystore encrypted under {@code password}, and the database with the
     * first {@value #KEYPOOL_SIZE} keys of each chain. A {@code restored} wallet scans the chain from genesis when
     * the node opens it; a new one starts at the chain's tip (no past block can pay keys that did not exist).
     * Refuses to overwrite an existing wallet. The phrase is kept in the keystore, encrypted with the seed, so that it
     * can be shown again after the password ({@link #recoveryWords}).
     */
    public static void create(Path dataDir, ChainParams params, char[] password, RecoveryPhrase phrase,
            String bip39Passphrase, boolean restored, int iterations) throws IOException, KeystoreException {
        Files.createDirectories(dataDir);
        Path dbFile = dataDir.resolve(DATABASE_FILE);
        if (Files.exists(dbFile) && !exists(dataDir)) {
            throw new KeystoreException(KeystoreException.Reason.ALREADY_EXISTS, "a wallet database " + dbFile
                    + " exists without a keystore: move it aside before making a new wallet here");
        }
        byte[] seed = phrase.toSeed(bip39Passphrase);
        byte[] entropy = phrase.entropy();
        try (Keystore ks = Keystore.create(dataDir.resolve(KEYSTORE_FILE), password, seed, entropy, bip39Passphrase,
                iterations);
                KeyChain keys = ks.keyChain();
                WalletStore store = WalletStore.open(dataDir)) {
            store.putMeta(WalletStore.META_NETWORK, params.networkId());
            store.putMeta(WalletStore.META_ORIGIN, restored ? WalletStore.ORIGIN_RESTORED : WalletStore.ORIGIN_NEW);
            for (int chainNo : new int[] {KeyPath.RECEIVE, KeyPath.CHANGE}) {
                for (int i = 0; i < KEYPOOL_SIZE; i++) {
                    KeyPath path = new KeyPath(chainNo, i);
                    store.putKey(new WalletKey(path, KeyHash.of(keys.publicKey(path)), false, ""));
                }
            }
            store.commit();
        } finally {
            Arrays.fill(seed, (byte) 0);
            Arrays.fill(entropy, (byte) 0);
        }
    }

    /** As {@link #create(Path, ChainParams, char[], RecoveryPhrase, String, boolean, int)} with the default iterations. */
    public static void create(Path dataDir, ChainParams params, char[] password, RecoveryPhrase phrase,
            String bip39Passphrase, boolean restored) throws IOException, KeystoreException {
        create(dataDir, params, password, phrase, bip39Passphrase, restored, Keystore.DEFAULT_ITERATIONS);
    }

    /**
     * Opens the wallet of {@code dataDir} on a running chain: loads its database, catches up with the blocks the
     * chain connected since the wallet last followed it (all of them after a restore), then follows the chain and
     * mempool events. Pending transactions of ours are offered to the mempool again (it is not kept across restarts).
     * The wallet starts locked.
     *
     * @throws WalletStoreException when the database cannot be opened or belongs to another network
     */
    public static Wallet open(Path dataDir, ChainState chain, EventBus events, TransactionSubmitter submitter,
            Clock clock) {
        WalletStore store = WalletStore.open(dataDir);
        Wallet wallet;
        try {
            String network = store.meta(WalletStore.META_NETWORK);
            if (network != null && !network.equals(chain.params().networkId())) {
                throw new WalletStoreException("The wallet database " + store.file() + " belongs to network '" + network
                        + "', not '" + chain.params().networkId() + "'.");
            }
            if (network == null) {
                store.putMeta(WalletStore.META_NETWORK, chain.params().networkId());
                store.putMeta(WalletStore.META_ORIGIN, WalletStore.ORIGIN_RESTORED);
                store.commit();
            }
            WalletLedger ledger = new WalletLedger(chain.params().addressPrefix());
            for (WalletStore.KeyRow k : store.loadKeys()) {
                ledger.addKey(k.path(), k.keyHash(), k.issued(), k.label());
            }
            for (WalletTx t : store.loadTxs()) {
                ledger.load(t);
            }
            wallet = new Wallet(chain, submitter, clock, dataDir, store, ledger);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        wallet.awaitingKeys = wallet.ledger.derivedCount(KeyPath.RECEIVE) == 0;
        wallet.chainLock.lock();
        try {
            synchronized (wallet) {
                if (!wallet.awaitingKeys) {
                    wallet.catchUp(events);
                }
            }
            wallet.subscribe(events);
        } finally {
            wallet.chainLock.unlock();
        }
        wallet.resubmitPending();
        return wallet;
    }

    private void subscribe(EventBus events) {
        this.events = events;
        lock.addListener(unlocked -> events.publish(new WalletEvent.LockChanged(unlocked)));
        subscriptions.add(events.subscribe(ChainEvent.BlockConnected.class, e -> onBlockConnected(e.block(), e.height())));
        subscriptions.add(events.subscribe(ChainEvent.BlockDisconnected.class,
                e -> onBlockDisconnected(e.block(), e.height())));
        subscriptions.add(events.subscribe(MempoolEvent.TxAccepted.class, e -> onTxAccepted(e.entry().tx())));
    }

    // ------------------------------------------------------------------ following the chain

    /** Brings the wallet to the chain's tip: undoes blocks it followed that left the chain, then scans the rest. */
    private void catchUp(EventBus progress) {
        BlockIndexEntry tip = chain.tip();
        String syncedHex = store.meta(WalletStore.META_SYNCED_HASH);
        Set<WalletTx> changed = new LinkedHashSet<>();
        int from;
        if (syncedHex == null) {
            if (WalletStore.ORIGIN_NEW.equals(store.meta(WalletStore.META_ORIGIN))) {
                ledger.setTip(tip.hash(), tip.height());
                persist(changed);
                return;
            }
            from = 0;
        } else {
            ledger.setTip(Hash.fromHex(syncedHex), Integer.parseInt(store.meta(WalletStore.META_SYNCED_HEIGHT)));
            BlockIndexEntry synced = chain.entry(ledger.tipHash());
            BlockIndexEntry fork = synced == null ? null : chain.forkPoint(synced);
            int forkHeight = fork == null ? -1 : fork.height();
            if (forkHeight < ledger.tipHeight()) {
                log.info("The wallet followed blocks up to height {} that are no longer on the chain; rewinding to {}",
                        ledger.tipHeight(), forkHeight);
                ledger.rewindAbove(forkHeight, changed);
                ledger.setTip(fork == null ? null : fork.hash(), forkHeight);
            }
            from = forkHeight + 1;
        }
        if (from <= tip.height()) {
            log.info("Wallet scanning blocks {} to {}", from, tip.height());
        }
        long now = now();
        int toScan = Math.max(0, tip.height() - from + 1);
        int step = Math.max(1, toScan / SCAN_PROGRESS_STEPS);
        for (int h = from; h <= tip.height(); h++) {
            Block block = chain.block(chain.entryAt(h).hash());
            ledger.blockConnected(block, h, now, changed);
            int scanned = h - from + 1;
            if (scanned % SCAN_COMMIT_INTERVAL == 0) {
                persist(changed);
                changed.clear();
            }
            if (progress != null && scanned % step == 0 && scanned < toScan) {
                progress.publish(new WalletEvent.ScanProgress(h, tip.height(), scanned, toScan, false));
            }
        }
        persist(changed);
        if (progress != null) {
            progress.publish(new WalletEvent.ScanProgress(tip.height(), tip.height(), toScan, toScan, true));
        }
    }

    private void onBlockConnected(Block block, int height) {
        synchronized (this) {
            if (awaitingKeys || closed) {
                return;
            }
            Set<WalletTx> changed = new LinkedHashSet<>();
            ledger.blockConnected(block, height, now(), changed);
            persist(changed);
        }
    }

    private void onBlockDisconnected(Block block, int height) {
        synchronized (this) {
            if (awaitingKeys || closed) {
                return;
            }
            Set<WalletTx> changed = new LinkedHashSet<>();
            ledger.blockDisconnected(block, height, changed);
            persist(changed);
        }
    }

    private void onTxAccepted(Transaction tx) {
        synchronized (this) {
            if (awaitingKeys || closed) {
                return;
            }
            Set<WalletTx> changed = new LinkedHashSet<>();
            if (ledger.pending(tx, now(), changed) != null && !changed.isEmpty()) {
                persist(changed);
            }
        }
    }

    /**
     * Stores what changed with the block the wallet now stands on, in one database transaction. If that fails the
     * database keeps its previous state and block, and the next start catches up from there.
     */
    private void persist(Set<WalletTx> changed) {
        try {
            List<Hash> ids = new ArrayList<>(changed.size());
            List<Hash> added = new ArrayList<>();
            for (WalletTx t : changed) {
                store.putTx(t);
                ids.add(t.txid);
                if (!t.stored) {
                    added.add(t.txid);
                }
            }
            if (ledger.tipHash() != null) {
                store.putMeta(WalletStore.META_SYNCED_HASH, ledger.tipHash().toHex());
                store.putMeta(WalletStore.META_SYNCED_HEIGHT, Integer.toString(ledger.tipHeight()));
            }
            store.commit();
            for (WalletTx t : changed) {
                t.stored = true;
            }
            EventBus bus = events;
            if (bus != null && !changed.isEmpty()) {
                bus.publish(new WalletEvent.Changed(ledger.balances(), ids, added));
            }
        } catch (WalletStoreException e) {
            log.error("Cannot store the wallet's progress; it will catch up at the next start: {}", e.getMessage());
            try {
                store.rollback();
            } catch (WalletStoreException again) {
                log.error("Cannot roll back the wallet database: {}", again.getMessage());
            }
        }
    }

    private void resubmitPending() {
        List<Transaction> pending = new ArrayList<>();
        synchronized (this) {
            for (WalletTransaction t : ledger.history()) {
                if (t.state() == TxState.PENDING && !t.coinbase()) {
                    pending.add(t.tx());
                }
            }
        }
        for (Transaction tx : pending) {
            try {
                submitter.submit(tx);
            } catch (ValidationException e) {
                log.info("Pending wallet transaction {} is not accepted again: {}", tx.txid(), e.getMessage());
            }
        }
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }

    // ------------------------------------------------------------------ lock

    /**
     * Unlocks for {@code duration} ({@code walletpassphrase}); tops up the key pool, and if the wallet was opened from
     * a keystore alone, derives its keys and scans the chain for them.
     *
     * @throws WrongPasswordException when the password is wrong; {@link KeystoreCorruptedException} naming the file
     */
    public void unlock(char[] password, Duration duration) throws IOException, KeystoreException {
        lock.unlock(password, duration);
        boolean scan;
        synchronized (this) {
            topUp();
            scan = awaitingKeys;
        }
        if (scan) {
            chainLock.lock();
            try {
                synchronized (this) {
                    catchUp(events);
                    awaitingKeys = false;
                }
            } finally {
                chainLock.unlock();
            }
            resubmitPending();
        }
    }

    public void lock() {
        lock.lock();
    }

    public boolean isUnlocked() {
        return lock.isUnlocked();
    }

    public Optional<Instant> unlockedUntil() {
        return lock.unlockedUntil();
    }

    /**
     * The recovery words, after checking {@code password} against the keystore (whether or not the wallet is unlocked);
     * empty for a keystore made before PeerChain kept the words (version 1), whose words exist only where the user
     * wrote them down.
     *
     * @throws WrongPasswordException if the password is wrong
     */
    public Optional<List<String>> recoveryWords(char[] password) throws IOException, KeystoreException {
        try (Keystore ks = Keystore.open(keystoreFile, password)) {
            return ks.hasRecoveryWords() ? Optional.of(ks.recoveryWords()) : Optional.empty();
        }
    }

    /** {@code walletpassphrasechange}: re-encrypts the keystore (and its backup) under the new password. */
    public void changePassphrase(char[] oldPassword, char[] newPassword) throws IOException, KeystoreException {
        lock.changePassphrase(oldPassword, newPassword);
    }

    /** Derives keys so that each chain has {@value #KEYPOOL_SIZE} free ones past the last used; needs the unlock. */
    private void topUp() {
        KeyChain keys;
        try {
            keys = lock.keyChain();
        } catch (WalletLockedException e) {
            return;
        }
        boolean added = false;
        for (int chainNo : new int[] {KeyPath.RECEIVE, KeyPath.CHANGE}) {
            int missing = KEYPOOL_SIZE - ledger.lookahead(chainNo);
            for (int i = 0; i < missing; i++) {
                KeyPath path = new KeyPath(chainNo, ledger.derivedCount(chainNo));
                WalletKey k = ledger.addKey(path, KeyHash.of(keys.publicKey(path)), false, "");
                store.putKey(k);
                added = true;
            }
        }
        if (added) {
            store.commit();
        }
    }

    // ------------------------------------------------------------------ addresses

    /** A fresh receive address ({@code getnewaddress}), labelled; works while locked as long as the key pool lasts. */
    public synchronized Address newAddress(String label) throws WalletException {
        WalletKey k = issue(KeyPath.RECEIVE, label);
        Address address = new Address(params.addressPrefix(), k.keyHash);
        publish(new WalletEvent.AddressChanged(address, k.label, true));
        return address;
    }

    /**
     * Labels one of our addresses ({@code setlabel}); an empty label removes it. Returns false, changing nothing,
     * when the address is not ours.
     */
    public synchronized boolean setLabel(Address address, String label) {
        checkOpen();
        WalletKey k = ledger.key(address.keyHash());
        if (k == null) {
            return false;
        }
        k.label = label == null ? "" : label;
        store.putKey(k);
        store.commit();
        publish(new WalletEvent.AddressChanged(address, k.label, k.issued));
        return true;
    }

    /** Labels one of our transactions (kept as its comment); false when the wallet has no such transaction. */
    public synchronized boolean setTransactionLabel(Hash txid, String label) {
        checkOpen();
        WalletTx t = ledger.tx(txid);
        if (t == null) {
            return false;
        }
        t.comment = label == null ? "" : label;
        Set<WalletTx> changed = new LinkedHashSet<>();
        changed.add(t);
        persist(changed);
        return true;
    }

    /** The address of one of our keys, by its path; empty when the key is not derived. */
    public synchronized Optional<Address> address(KeyPath path) {
        WalletKey k = ledger.key(path);
        return k == null ? Optional.empty() : Optional.of(new Address(params.addressPrefix(), k.keyHash));
    }

    /** Where one of our addresses sits in the key tree, and whether it was handed out; empty when it is not ours. */
    public synchronized Optional<KeyPath> keyPath(Address address) {
        WalletKey k = ledger.key(address.keyHash());
        return k == null ? Optional.empty() : Optional.of(k.path);
    }

    private void publish(WalletEvent e) {
        EventBus bus = events;
        if (bus != null) {
            bus.publish(e);
        }
    }

    /**
     * The key hash the miner's coinbase pays: a receive key labelled {@value #MINING_LABEL}, handed out once and kept
     * (coinbase outputs cannot be spent for {@value ChainParams#COINBASE_MATURITY} blocks anyway).
     */
    public synchronized KeyHash miningKeyHash() throws WalletException {
        String stored = store.meta(META_MINING_KEY);
        if (stored != null) {
            return KeyHash.fromHex(stored);
        }
        WalletKey k = issue(KeyPath.RECEIVE, MINING_LABEL);
        store.putMeta(META_MINING_KEY, k.keyHash.toHex());
        store.commit();
        return k.keyHash;
    }

    private WalletKey issue(int chainNo, String label) throws WalletException {
        checkOpen();
        WalletKey k = ledger.issue(chainNo, label);
        if (k == null) {
            topUp();
            k = ledger.issue(chainNo, label);
        }
        if (k == null) {
            throw new WalletException(WalletException.Reason.KEYPOOL_EXHAUSTED, "Error: Keypool ran out, please call"
                    + " walletpassphrase first to derive more keys (all " + ledger.derivedCount(chainNo) + " derived "
                    + (chainNo == KeyPath.RECEIVE ? "receive" : "change") + " keys are in use)");
        }
        store.putKey(k);
        store.commit();
        if (ledger.lookahead(chainNo) < KEYPOOL_SIZE) {
            topUp();
        }
        return k;
    }

    /** True when {@code address} pays one of this wallet's keys. */
    public synchronized boolean isMine(Address address) {
        return ledger.key(address.keyHash()) != null;
    }

    /** The label of one of our addresses, or empty. */
    public synchronized Optional<String> label(Address address) {
        WalletKey k = ledger.key(address.keyHash());
        return k == null ? Optional.empty() : Optional.of(k.label);
    }

    // ------------------------------------------------------------------ reading

    public synchronized WalletBalances balances() {
        return ledger.balances();
    }

    /** Trusted, mature value with at least {@code minConf} confirmations (bitcoind's {@code getbalance "*" minconf}). */
    public synchronized long balance(int minConf) {
        return ledger.balance(minConf);
    }

    /** Every transaction touching the wallet, oldest first. */
    public synchronized List<WalletTransaction> history() {
        return ledger.history();
    }

    public synchronized Optional<WalletTransaction> transaction(Hash txid) {
        WalletTx t = ledger.tx(txid);
        return t == null ? Optional.empty() : Optional.of(ledger.view(t));
    }

    public synchronized List<WalletOutput> unspent(int minConf, int maxConf) {
        return ledger.unspent(minConf, maxConf);
    }

    /** The history as rows, newest first (see {@link TxSummary}). */
    public synchronized List<TxSummary> summaries() {
        return ledger.summaries();
    }

    public synchronized Optional<TxSummary> summary(Hash txid) {
        WalletTx t = ledger.tx(txid);
        return t == null ? Optional.empty() : Optional.of(ledger.summary(t));
    }

    /** Mined coins not yet spendable, by the tip height at which they mature, soonest first. */
    public synchronized List<ImmatureCoins> immatureCoins() {
        return ledger.immatureCoins();
    }

    /** What each receive address was paid ({@code listreceivedbyaddress}). */
    public synchronized List<AddressReceipts> receipts(int minConf, boolean includeEmpty) {
        return ledger.receipts(minConf, includeEmpty);
    }

    /** The height of the last block the wallet has followed. */
    public synchronized int tipHeight() {
        return ledger.tipHeight();
    }

    // ------------------------------------------------------------------ coin control

    /**
     * Keeps {@code outpoints} out of automatic coin selection ({@code lockunspent false}) or lets them back in
     * ({@code true}). Refuses, changing nothing, an outpoint that is not an unspent output of ours.
     */
    public synchronized void setCoinsLocked(List<OutPoint> outpoints, boolean locked) throws WalletException {
        for (OutPoint p : outpoints) {
            if (locked && !ledger.isUnspentOutput(p)) {
                throw new WalletException(WalletException.Reason.UNKNOWN_COIN, "Invalid parameter, " + p
                        + " is not an unspent output of this wallet");
            }
            if (!locked && !lockedCoins.contains(p)) {
                throw new WalletException(WalletException.Reason.UNKNOWN_COIN, "Invalid parameter, " + p
                        + " is not locked");
            }
        }
        for (OutPoint p : outpoints) {
            if (locked) {
                lockedCoins.add(p);
            } else {
                lockedCoins.remove(p);
            }
        }
    }

    public synchronized void unlockAllCoins() {
        lockedCoins.clear();
    }

    public synchronized Set<OutPoint> lockedCoins() {
        lockedCoins.removeIf(p -> !ledger.isUnspentOutput(p));
        return Set.copyOf(lockedCoins);
    }

    public synchronized WalletInfo info() {
        return new WalletInfo(ledger.balances(), ledger.txCount(), ledger.lookahead(KeyPath.RECEIVE),
                ledger.lookahead(KeyPath.CHANGE), lock.unlockedUntil(), feeRate, ledger.tipHash(), ledger.tipHeight());
    }

    public synchronized long feeRate() {
        return feeRate;
    }

    /** The most fee one transaction may pay, as bitcoind's {@code -maxtxfee} default (0.10 in its coin). */
    public static final long MAX_TX_FEE = 10_000_000;

    private static void checkFeeRate(long rate) throws WalletException {
        if (rate < 0 || rate > CoinSelector.MAX_FEE_RATE) {
            throw new WalletException(WalletException.Reason.INVALID_FEE_RATE, "the fee rate " + rate
                    + " base units per byte is outside 0 to " + CoinSelector.MAX_FEE_RATE);
        }
    }

    /** Sets the fee rate of later sends, in base units per byte ({@code settxfee}). */
    public synchronized void setFeeRate(long unitsPerByte) throws WalletException {
        checkFeeRate(unitsPerByte);
        feeRate = unitsPerByte;
    }

    // ------------------------------------------------------------------ sending

    /** {@link #send(Address, long, boolean, long, String, String)} at the wallet's fee rate. */
    public SendResult send(Address to, long amount, boolean subtractFee, String comment, String commentTo)
            throws WalletException {
        return send(to, amount, subtractFee, feeRate(), comment, commentTo);
    }

    /**
     * Pays {@code amount} base units to {@code to} ({@code sendtoaddress}): selects among the trusted, mature outputs
     * not already spent by our pending sends, sends change to a new change address of ours, signs, and hands the
     * transaction to the node. With {@code subtractFee} the recipient pays the fee out of the amount (sending the
     * whole balance this way empties the wallet).
     */
    public SendResult send(Address to, long amount, boolean subtractFee, long rate, String comment, String commentTo)
            throws WalletException {
        checkAmount(amount);
        if (to.prefix() != params.addressPrefix()) {
            throw new IllegalArgumentException("the address is for another network");
        }
        if (!isUnlocked()) {
            throw locked();
        }
        return commit(draft(List.of(new Payment(to.keyHash(), amount)), subtractFee, rate, List.of()), comment,
                commentTo);
    }

    private static void checkAmount(long amount) throws WalletException {
        if (amount <= 0) {
            throw new WalletException(WalletException.Reason.INVALID_AMOUNT, "Invalid amount for send: "
                    + Amount.format(Math.max(0, amount)) + " (it must be above zero)");
        }
        if (amount > ChainParams.MAX_MONEY) {
            throw new WalletException(WalletException.Reason.INVALID_AMOUNT, "Amount out of range: "
                    + Amount.format(amount) + " is above the " + Amount.format(ChainParams.MAX_MONEY) + " that can ever exist");
        }
    }

    /**
     * Builds a send for review without handing it to the node: coins chosen among the spendable ones not locked
     * (or exactly {@code chosen}, coin control), outputs paying {@code payments} in order and change to the next free
     * change key, the fee at {@code rate} base units per byte. With {@code subtractFee} the recipients pay the fee
     * out of their amounts, in equal shares. Signed at once when the wallet is unlocked; works locked too.
     */
    public synchronized SendDraft draft(List<Payment> payments, boolean subtractFee, long rate, List<OutPoint> chosen)
            throws WalletException {
        checkOpen();
        if (payments.isEmpty()) {
            throw new WalletException(WalletException.Reason.INVALID_AMOUNT, "A send needs at least one recipient");
        }
        long amount = 0;
        for (Payment p : payments) {
            checkAmount(p.amount());
            amount = Math.addExact(amount, p.amount());
        }
        checkAmount(amount);
        // every send path (RPC, the window, subtracting the fee or not) comes through here: one check of the fee
        checkFeeRate(rate);
        List<SpendableOutput> available = coinsFor(chosen);
        CoinSelection selection = select(available, amount, subtractFee, rate, payments.size(), !chosen.isEmpty());
        if (selection.fee() > MAX_TX_FEE) {
            throw new WalletException(WalletException.Reason.INVALID_FEE_RATE, "the fee of "
                    + Amount.format(selection.fee()) + " (" + rate + " base units per byte) is above the maximum of "
                    + Amount.format(MAX_TX_FEE) + " a transaction may pay (bitcoind's -maxtxfee): choose a lower rate");
        }
        List<TxOutput> outputs = new ArrayList<>(payments.size() + 1);
        long feeShare = (amount - selection.amount()) / payments.size();
        long firstExtra = (amount - selection.amount()) - feeShare * payments.size();
        for (int i = 0; i < payments.size(); i++) {
            Payment p = payments.get(i);
            long pays = p.amount() - (subtractFee ? feeShare + (i == 0 ? firstExtra : 0) : 0);
            if (pays < CoinSelector.DUST_THRESHOLD) {
                throw new WalletException(WalletException.Reason.AMOUNT_BELOW_DUST, "the payment of "
                        + Amount.format(p.amount()) + " less its share of the fee leaves " + Amount.format(Math.max(0, pays))
                        + ", below the dust threshold of " + Amount.format(CoinSelector.DUST_THRESHOLD));
            }
            outputs.add(new TxOutput(pays, p.payTo()));
        }
        int changeIndex = -1;
        if (selection.hasChange()) {
            WalletKey change = ledger.peek(KeyPath.CHANGE);
            if (change == null) {
                topUp();
                change = ledger.peek(KeyPath.CHANGE);
            }
            if (change == null) {
                throw new WalletException(WalletException.Reason.KEYPOOL_EXHAUSTED, "Error: Keypool ran out, please"
                        + " call walletpassphrase first to derive more keys (every change key is in use)");
            }
            changeIndex = outputs.size();
            outputs.add(new TxOutput(selection.change(), change.keyHash));
        }
        Transaction signed = null;
        try {
            signed = sign(selection.inputs(), outputs, lock.keyChain());
        } catch (WalletLockedException e) {
            // Locked: the draft is reviewed unsigned and signed when it is committed.
        }
        long size = TransactionSize.of(selection.inputs().size(), outputs.size());
        return new SendDraft(selection.inputs(), outputs, changeIndex, selection.fee(), rate, size, signed);
    }

    /** Our spendable coins minus the locked ones, or exactly {@code chosen} when given (each must be spendable). */
    private List<SpendableOutput> coinsFor(List<OutPoint> chosen) throws WalletException {
        List<SpendableOutput> spendable = ledger.spendable();
        if (chosen.isEmpty()) {
            spendable.removeIf(o -> lockedCoins.contains(o.outpoint()));
            return spendable;
        }
        java.util.Map<OutPoint, SpendableOutput> byOutpoint = new java.util.HashMap<>();
        for (SpendableOutput o : spendable) {
            byOutpoint.put(o.outpoint(), o);
        }
        List<SpendableOutput> picked = new ArrayList<>(chosen.size());
        for (OutPoint p : new LinkedHashSet<>(chosen)) {
            SpendableOutput o = byOutpoint.get(p);
            if (o == null) {
                throw new WalletException(WalletException.Reason.UNKNOWN_COIN, "The coin " + p + " cannot be spent: it"
                        + " is not ours, already spent, not yet mature or unconfirmed from someone else");
            }
            picked.add(o);
        }
        return picked;
    }

    private static Transaction sign(List<SpendableOutput> inputs, List<TxOutput> outputs, KeyChain keys)
            throws WalletLockedException {
        List<TransactionSigner.SigningInput> signing = new ArrayList<>(inputs.size());
        try {
            for (SpendableOutput o : inputs) {
                signing.add(new TransactionSigner.SigningInput(o.outpoint(), keys.keyPair(o.keyPath())));
            }
            return TransactionSigner.sign(signing, outputs);
        } finally {
            for (TransactionSigner.SigningInput in : signing) {
                Arrays.fill(in.keyPair().privateKey(), (byte) 0);
            }
        }
    }

    /**
     * Sends a reviewed draft: checks its coins are still ours to spend, hands out its change key, signs it if the
     * draft is unsigned (or its change key was taken meanwhile), gives it to the node and records it as pending.
     *
     * @throws WalletException {@code LOCKED} when it must be signed and the wallet is locked; {@code STALE_DRAFT}
     *     when a coin was spent or locked since the review; {@code REJECTED} with the node's reason
     */
    public SendResult commit(SendDraft draft, String comment, String commentTo) throws WalletException {
        chainLock.lock();
        try {
            synchronized (this) {
                checkOpen();
                java.util.Set<OutPoint> spendable = new java.util.HashSet<>();
                for (SpendableOutput o : ledger.spendable()) {
                    spendable.add(o.outpoint());
                }
                for (SpendableOutput o : draft.inputs()) {
                    if (!spendable.contains(o.outpoint())) {
                        throw new WalletException(WalletException.Reason.STALE_DRAFT, "The coin " + o.outpoint()
                                + " of this send was spent since it was reviewed; review the send again");
                    }
                }
                Transaction tx = draft.signed();
                List<TxOutput> outputs = draft.outputs();
                if (draft.changeIndex() >= 0) {
                    KeyHash planned = outputs.get(draft.changeIndex()).keyHash();
                    WalletKey next = ledger.peek(KeyPath.CHANGE);
                    if (next == null || !next.keyHash.equals(planned)) {
                        KeyHash change = issue(KeyPath.CHANGE, "").keyHash;
                        outputs = new ArrayList<>(outputs);
                        outputs.set(draft.changeIndex(), new TxOutput(draft.change(), change));
                        tx = null;
                    } else {
                        issue(KeyPath.CHANGE, "");
                    }
                }
                if (tx == null) {
                    try {
                        tx = sign(draft.inputs(), outputs, lock.keyChain());
                    } catch (WalletLockedException e) {
                        throw locked();
                    }
                }
                try {
                    submitter.submit(tx);
                } catch (ValidationException e) {
                    throw new WalletException(WalletException.Reason.REJECTED, "The node refused the transaction ("
                            + e.reason() + "): " + e.getMessage(), e);
                }
                Set<WalletTx> changed = new LinkedHashSet<>();
                WalletTx t = ledger.pending(tx, now(), changed);
                t.comment = comment == null ? "" : comment;
                t.commentTo = commentTo == null ? "" : commentTo;
                changed.add(t);
                persist(changed);
                log.info("Sent {} in {} (fee {})", Amount.format(draft.paid()), tx.txid(), Amount.format(draft.fee()));
                return new SendResult(tx.txid(), draft.paid(), draft.fee(), draft.change(), tx);
            }
        } finally {
            chainLock.unlock();
        }
    }

    private static WalletException locked() {
        return new WalletException(WalletException.Reason.LOCKED,
                "Error: Please enter the wallet passphrase with walletpassphrase first.");
    }

    private static CoinSelection select(List<SpendableOutput> available, long amount, boolean subtractFee, long rate,
            int payments, boolean chosen) throws WalletException {
        try {
            if (subtractFee) {
                return selectSubtractingFee(available, amount, rate, payments, chosen);
            }
            return chosen ? CoinSelector.spendChosen(available, amount, rate, payments)
                    : CoinSelector.select(available, amount, rate, payments);
        } catch (CoinSelectionException e) {
            throw new WalletException(switch (e.reason()) {
                case INSUFFICIENT_FUNDS -> WalletException.Reason.INSUFFICIENT_FUNDS;
                case AMOUNT_BELOW_DUST -> WalletException.Reason.AMOUNT_BELOW_DUST;
                case INVALID_FEE_RATE -> WalletException.Reason.INVALID_FEE_RATE;
            }, e.getMessage(), e);
        }
    }

    /** Inputs covering {@code amount} itself; the recipient gets the amount less the fee. */
    static CoinSelection selectSubtractingFee(List<SpendableOutput> available, long amount, long rate)
            throws CoinSelectionException {
        return selectSubtractingFee(available, amount, rate, 1, false);
    }

    /**
     * Inputs covering {@code amount} itself ({@code chosen}: exactly the given ones); the {@code payments}
     * recipients get the amount less the fee.
     */
    static CoinSelection selectSubtractingFee(List<SpendableOutput> available, long amount, long rate, int payments,
            boolean chosen) throws CoinSelectionException {
        long total = 0;
        for (SpendableOutput o : available) {
            total += o.amount();
        }
        if (amount > total) {
            throw new CoinSelectionException(CoinSelectionException.Reason.INSUFFICIENT_FUNDS, "insufficient funds: the"
                    + " wallet has " + Amount.format(total) + " spendable, and this send needs " + Amount.format(amount));
        }
        if (amount == total) {
            return CoinSelector.selectAll(available, rate, payments);
        }
        CoinSelection cover = chosen ? CoinSelector.spendChosen(available, amount, 0, payments)
                : CoinSelector.select(available, amount, 0, payments);
        long fee = Math.multiplyExact(TransactionSize.of(cover.inputs().size(), payments + (cover.hasChange() ? 1 : 0)),
                rate);
        long pay = amount - fee;
        if (pay < CoinSelector.DUST_THRESHOLD) {
            throw new CoinSelectionException(CoinSelectionException.Reason.AMOUNT_BELOW_DUST, "the amount "
                    + Amount.format(amount) + " less the fee of " + Amount.format(fee) + " leaves "
                    + Amount.format(Math.max(0, pay)) + ", below the dust threshold of "
                    + Amount.format(CoinSelector.DUST_THRESHOLD));
        }
        return new CoinSelection(cover.inputs(), pay, cover.change(), fee + cover.fee());
    }

    // ------------------------------------------------------------------ backup and closing

    /**
     * Writes a copy of the keystore to {@code destination} ({@code backupwallet}; into it as {@value #KEYSTORE_FILE}
     * when it is a directory). The copy is encrypted like the original; placed as {@value #KEYSTORE_FILE} in an empty
     * data directory, the first unlock derives the keys and rebuilds balance and history from the chain.
     */
    public Path backup(Path destination) throws IOException {
        Path target = (Files.isDirectory(destination) ? destination.resolve(KEYSTORE_FILE) : destination).toAbsolutePath();
        Path folder = target.getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new IOException("the folder " + folder + " does not exist");
        }
        if (!Files.isWritable(folder)) {
            throw new IOException("the folder " + folder + " cannot be written to");
        }
        // the keystore itself lies in the data directory: refused with the rest
        refuseNodeFiles(target, keystoreFile.getParent());
        byte[] bytes = Files.readAllBytes(keystoreFile);
        AtomicFile.writeAtomically(target, bytes);
        return target;
    }

    /** How deep under the data directory the node's own files are looked for (its databases lie at the top). */
    private static final int NODE_FILE_DEPTH = 2;

    /**
     * Refuses a backup that would land in the node's data directory (writing there would replace a database, the
     * keystore, the RPC cookie or the lock the node holds open), found after resolving symbolic links and {@code ..}
     * of the destination's folder; and one that is one of the node's files reached by another name (a hard link).
     */
    static void refuseNodeFiles(Path target, Path dataDir) throws IOException {
        Path home = dataDir.toRealPath();
        Path folder = target.getParent().toRealPath();
        if (folder.startsWith(home)) {
            throw new IOException("the destination " + target + " is inside the node's data directory " + home
                    + ", whose files the node has open; choose a place outside it");
        }
        if (!Files.exists(target)) {
            return;
        }
        try (var files = Files.walk(home, NODE_FILE_DEPTH)) {
            for (Path own : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                if (Files.isSameFile(target, own)) {
                    throw new IOException("the destination " + target + " is the node's own file " + own
                            + "; choose a place outside the data directory");
                }
            }
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the wallet is closed");
        }
    }

    @Override
    public void close() {
        for (AutoCloseable s : subscriptions) {
            try {
                s.close();
            } catch (Exception e) {
                log.warn("Cannot unsubscribe the wallet: {}", e.getMessage());
            }
        }
        lock.close();
        synchronized (this) {
            if (!closed) {
                closed = true;
                store.close();
            }
        }
    }

    @Override
    public String toString() {
        return "Wallet[" + keystoreFile + ", " + (lock.isUnlocked() ? "unlocked" : "locked") + "]";
    }
}
