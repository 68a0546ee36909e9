package org.peerchain.node;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.peerchain.chain.ChainEvent;
import org.peerchain.consensus.ChainParams;
import org.peerchain.core.Address;
import org.peerchain.core.Hash;
import org.peerchain.core.OutPoint;
import org.peerchain.events.EventBus;
import org.peerchain.node.api.AddressCheck;
import org.peerchain.node.api.FeeEstimate;
import org.peerchain.node.api.ReceiveAddress;
import org.peerchain.node.api.RecoveryWordsCheck;
import org.peerchain.node.api.SendRequest;
import org.peerchain.node.api.SendReview;
import org.peerchain.node.api.WalletBalance;
import org.peerchain.node.api.WalletCoin;
import org.peerchain.node.api.WalletEvent;
import org.peerchain.node.api.WalletLockedException;
import org.peerchain.node.api.WalletService;
import org.peerchain.node.api.WalletServiceException;
import org.peerchain.node.api.WalletServiceException.Reason;
import org.peerchain.node.api.WalletState;
import org.peerchain.node.api.WalletTransactionRow;
import org.peerchain.node.api.WalletTxState;
import org.peerchain.wallet.AddressBook;
import org.peerchain.wallet.AddressReceipts;
import org.peerchain.wallet.Bip39WordList;
import org.peerchain.wallet.CoinSelector;
import org.peerchain.wallet.ImmatureCoins;
import org.peerchain.wallet.KeystoreCorruptedException;
import org.peerchain.wallet.KeystoreException;
import org.peerchain.wallet.InvalidRecoveryPhraseException;
import org.peerchain.wallet.Payment;
import org.peerchain.wallet.RecoveryPhrase;
import org.peerchain.wallet.SendDraft;
import org.peerchain.wallet.SpendableOutput;
import org.peerchain.wallet.TxSummary;
import org.peerchain.wallet.Wallet;
import org.peerchain.wallet.WalletBalances;
import org.peerchain.wallet.WalletException;
import org.peerchain.wallet.WalletLock;
import org.peerchain.wallet.WalletOutput;
import org.peerchain.wallet.WalletStoreException;
import org.peerchain.wallet.WrongPasswordException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wallet service over the node's {@link Wallet}. The wallet's own events arrive under the chain's lock or the
 * wallet's monitor; they only hand work to this service's {@value #EVENT_THREAD} thread, which reads what changed
 * (briefly taking the wallet's monitor) and publishes {@link WalletEvent}s in order. Reviews of sends are kept here
 * by id until confirmed, the latest {@value #KEPT_REVIEWS} of them.
 */
final class WalletControls implements WalletService {
    static final String EVENT_THREAD = "wallet-events";
    static final String RESTORE_THREAD = "wallet-restore";
    /** Reviews kept for {@link #confirm}; an older one must be reviewed again. */
    static final int KEPT_REVIEWS = 32;
    /** How long a send made with the password of a locked wallet keeps it unlocked: just long enough to sign. */
    static final Duration SEND_UNLOCK = Duration.ofSeconds(30);
    static final int MAX_CONFIRMATIONS = 9_999_999;
    static final String LOCKED_MESSAGE = "The wallet is locked: enter its password to sign this send.";
    /** How many near words an unknown recovery word's problem suggests. */
    static final int WORD_SUGGESTIONS = 3;
    static final String CHECKSUM_PROBLEM = "The words do not fit together: one is wrong or out of order.";
    private static final List<String> WORD_LIST = IntStream.range(0, Bip39WordList.SIZE)
            .mapToObj(Bip39WordList.english()::word).toList();
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(WalletControls.class);

    private final Node node;
    private final EventBus apiEvents;
    private final FeeEstimator fees;
    private final ExecutorService worker;
    private final List<AutoCloseable> subscriptions = new ArrayList<>();
    private final AtomicLong reviewIds = new AtomicLong();
    private final Map<Long, Pending> reviews = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Pending> eldest) {
            return size() > KEPT_REVIEWS;
        }
    };
    private volatile boolean scanning;

    /** A reviewed send: the wallet's draft, the label to keep on it, and what the review showed. */
    private record Pending(SendDraft draft, String label, SendReview review) {
    }

    WalletControls(Node node, EventBus apiEvents) {
        this.node = node;
        this.apiEvents = apiEvents;
        this.fees = new FeeEstimator(node.events());
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, EVENT_THREAD);
            t.setDaemon(true);
            return t;
        });
        EventBus parts = node.events();
        subscriptions.add(parts.subscribe(org.peerchain.wallet.WalletEvent.class, this::onWalletEvent));
        subscriptions.add(parts.subscribe(ChainEvent.TipChanged.class, e -> later(() -> tipChanged(e.height()))));
    }

    // ------------------------------------------------------------------ events

    private void later(Runnable task) {
        try {
            worker.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    log.warn("A wallet event could not be told: {}", e.getMessage());
                }
            });
        } catch (RejectedExecutionException e) {
            // Closing: nobody listens any more.
        }
    }

    private void onWalletEvent(org.peerchain.wallet.WalletEvent e) {
        if (e instanceof org.peerchain.wallet.WalletEvent.Changed c) {
            later(() -> transactionsChanged(c));
        } else if (e instanceof org.peerchain.wallet.WalletEvent.LockChanged l) {
            later(() -> apiEvents.publish(new WalletEvent.LockChanged(!l.unlocked(), unlockedUntil())));
        } else if (e instanceof org.peerchain.wallet.WalletEvent.AddressChanged a) {
            later(() -> addressChanged(a));
        } else if (e instanceof org.peerchain.wallet.WalletEvent.ScanProgress p) {
            apiEvents.publish(new WalletEvent.RescanProgress(p.height(), p.tipHeight(), p.done()));
        }
    }

    private void transactionsChanged(org.peerchain.wallet.WalletEvent.Changed c) {
        Wallet w = node.wallet().orElse(null);
        if (w == null) {
            return;
        }
        WalletBalance balance = balanceOf(w);
        Set<Hash> added = Set.copyOf(c.added());
        for (Hash txid : c.changed()) {
            w.summary(txid).ifPresent(s -> apiEvents.publish(
                    new WalletEvent.TransactionChanged(row(s), added.contains(txid), balance)));
        }
    }

    private void addressChanged(org.peerchain.wallet.WalletEvent.AddressChanged a) {
        Wallet w = node.wallet().orElse(null);
        if (w == null || !a.issued()) {
            return;
        }
        for (AddressReceipts r : w.receipts(0, true)) {
            if (r.address().equals(a.address())) {
                apiEvents.publish(new WalletEvent.AddressAdded(receiveAddress(r)));
                return;
            }
        }
    }

    private void tipChanged(int height) {
        node.wallet().ifPresent(w -> apiEvents.publish(new WalletEvent.ConfirmationsAdvanced(height, balanceOf(w))));
    }

    private long unlockedUntil() {
        return node.wallet().flatMap(Wallet::unlockedUntil).map(Instant::getEpochSecond).orElse(0L);
    }

    void close() {
        for (AutoCloseable s : subscriptions) {
            try {
                s.close();
            } catch (Exception e) {
                log.warn("Cannot unsubscribe the wallet service: {}", e.getMessage());
            }
        }
        worker.shutdown();
        try {
            worker.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------ reading

    private Wallet wallet() throws WalletServiceException {
        return node.wallet().orElseThrow(() -> new WalletServiceException(Reason.NO_WALLET, scanning
                ? "The wallet is being restored: it opens when the scan of the chain is done."
                : "This node has no wallet: create one, or restore one from its recovery words."));
    }

    @Override
    public WalletState state() {
        Wallet w = node.wallet().orElse(null);
        if (w == null) {
            return new WalletState(WalletCreation.exists(node.config().dataDir()), false, true, 0, -1, scanning);
        }
        long until = w.unlockedUntil().map(Instant::getEpochSecond).orElse(0L);
        return new WalletState(true, true, !w.isUnlocked(), until, w.tipHeight(), scanning);
    }

    @Override
    public WalletBalance balance() throws WalletServiceException {
        return balanceOf(wallet());
    }

    private static WalletBalance balanceOf(Wallet w) {
        WalletBalances b = w.balances();
        List<WalletBalance.Maturing> maturing = new ArrayList<>();
        for (ImmatureCoins c : w.immatureCoins()) {
            maturing.add(new WalletBalance.Maturing(c.maturesAtHeight(), c.amount()));
        }
        return new WalletBalance(b.trusted(), b.untrustedPending(), b.immature(), maturing);
    }

    @Override
    public List<WalletTransactionRow> history() throws WalletServiceException {
        List<TxSummary> all = wallet().summaries();
        List<WalletTransactionRow> rows = new ArrayList<>(all.size());
        for (TxSummary s : all) {
            rows.add(row(s));
        }
        return rows;
    }

    @Override
    public List<WalletTransactionRow> history(int skip, int count) throws WalletServiceException {
        if (skip < 0 || count < 0) {
            throw new IllegalArgumentException("skip and count cannot be negative: " + skip + ", " + count);
        }
        List<TxSummary> all = wallet().summaries();
        int from = Math.min(skip, all.size());
        int to = (int) Math.min(all.size(), (long) from + count);
        List<WalletTransactionRow> rows = new ArrayList<>(to - from);
        for (TxSummary s : all.subList(from, to)) {
            rows.add(row(s));
        }
        return rows;
    }

    @Override
    public Optional<WalletTransactionRow> transaction(Hash txid) throws WalletServiceException {
        return wallet().summary(txid).map(WalletControls::row);
    }

    static WalletTransactionRow row(TxSummary s) {
        WalletTxState state = switch (s.state()) {
            case PENDING -> WalletTxState.PENDING;
            case CONFIRMED -> !s.coinbase() ? WalletTxState.CONFIRMED
                    : s.immature() ? WalletTxState.IMMATURE : WalletTxState.MINED;
            case CONFLICTED, ORPHANED -> WalletTxState.CONFLICTED;
        };
        return new WalletTransactionRow(s.txid(), s.time(), s.height(), s.confirmations(), s.net(), s.fee(), s.label(),
                state, s.coinbase(), s.maturesAtHeight());
    }

    // ------------------------------------------------------------------ addresses and labels

    @Override
    public ReceiveAddress newAddress(String label) throws WalletServiceException {
        String l = label(label);
        try {
            Address a = wallet().newAddress(l);
            return new ReceiveAddress(a.encode(), l, 0, 0, List.of());
        } catch (WalletException e) {
            throw translate(e);
        }
    }

    private static String label(String label) throws WalletServiceException {
        String l = label == null ? "" : label.strip();
        if (l.length() > AddressBook.MAX_LABEL_LENGTH) {
            throw new WalletServiceException(Reason.INVALID_LABEL, "A label has at most "
                    + AddressBook.MAX_LABEL_LENGTH + " characters; this one has " + l.length() + ".");
        }
        return l;
    }

    @Override
    public List<ReceiveAddress> receiveAddresses(int minConfirmations) throws WalletServiceException {
        List<ReceiveAddress> list = new ArrayList<>();
        for (AddressReceipts r : wallet().receipts(Math.max(0, minConfirmations), true)) {
            list.add(receiveAddress(r));
        }
        return list;
    }

    private static ReceiveAddress receiveAddress(AddressReceipts r) {
        return new ReceiveAddress(r.address().encode(), r.label(), r.amount(), r.confirmations(), r.txids());
    }

    @Override
    public void setAddressLabel(String address, String label) throws WalletServiceException {
        Address a = parse(address);
        if (!wallet().setLabel(a, label(label))) {
            throw new WalletServiceException(Reason.INVALID_ADDRESS, "The address " + a
                    + " is not one of this wallet's: only our own addresses take a label");
        }
    }

    @Override
    public void setTransactionLabel(Hash txid, String label) throws WalletServiceException {
        if (!wallet().setTransactionLabel(txid, label(label))) {
            throw new WalletServiceException(Reason.UNKNOWN_TRANSACTION, "The transaction " + txid
                    + " is not one of this wallet's");
        }
    }

    private Address parse(String address) throws WalletServiceException {
        AddressCheck check = checkAddress(address);
        if (!check.valid()) {
            throw new WalletServiceException(Reason.INVALID_ADDRESS, check.problem().orElse("not an address"));
        }
        return Address.parse(address, node.params().addressPrefix());
    }

    @Override
    public AddressCheck checkAddress(String address) {
        String text = address == null ? "" : address.strip();
        ChainParams here = node.params();
        try {
            Address a = Address.parse(text, here.addressPrefix());
            Wallet w = node.wallet().orElse(null);
            boolean mine = w != null && w.isMine(a);
            return new AddressCheck(text, true, here.name(), Optional.empty(), mine,
                    mine ? w.label(a).orElse("") : "");
        } catch (IllegalArgumentException e) {
            List<String> networks = new ArrayList<>();
            for (ChainParams p : List.of(ChainParams.MAIN, ChainParams.TEST, ChainParams.REGTEST)) {
                if (p.addressPrefix() != here.addressPrefix() && parses(text, p.addressPrefix())) {
                    networks.add(p.name());
                }
            }
            String problem;
            if (!networks.isEmpty()) {
                String kind = networks.contains(ChainParams.MAIN.name()) ? "a main-network" : "a test-network";
                problem = "This is " + kind + " address (" + String.join(", ", networks) + "); this node is on "
                        + here.name() + ".";
            } else {
                problem = "Not a valid address: " + e.getMessage() + ".";
            }
            return new AddressCheck(text, false, String.join(", ", networks), Optional.of(problem), false, "");
        }
    }

    private static boolean parses(String text, int prefix) {
        try {
            Address.parse(text, prefix);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    // ------------------------------------------------------------------ fees and coins

    @Override
    public FeeEstimate estimateFee(int targetBlocks) {
        return fees.estimate(targetBlocks);
    }

    @Override
    public List<WalletCoin> coins() throws WalletServiceException {
        Wallet w = wallet();
        Set<OutPoint> locked = w.lockedCoins();
        List<WalletCoin> list = new ArrayList<>();
        for (WalletOutput o : w.unspent(0, MAX_CONFIRMATIONS)) {
            list.add(new WalletCoin(o.outpoint(), o.amount(), o.address().encode(), o.label(), o.confirmations(),
                    locked.contains(o.outpoint()), o.safe()));
        }
        list.sort(Comparator.comparingLong(WalletCoin::amount).reversed());
        return list;
    }

    @Override
    public void setCoinsLocked(List<OutPoint> coins, boolean locked) throws WalletServiceException {
        try {
            wallet().setCoinsLocked(coins, locked);
        } catch (WalletException e) {
            throw translate(e);
        }
    }

    // ------------------------------------------------------------------ sending

    @Override
    public SendReview review(SendRequest request) throws WalletServiceException {
        if (request.recipients().isEmpty()) {
            throw new WalletServiceException(Reason.INVALID_AMOUNT, "Add a recipient: a send pays at least one address.");
        }
        if (request.feeRate() < 0 || request.feeRate() > CoinSelector.MAX_FEE_RATE) {
            throw new WalletServiceException(Reason.INVALID_FEE_RATE, "The fee rate " + request.feeRate()
                    + " per byte is outside 0 to " + CoinSelector.MAX_FEE_RATE);
        }
        List<Payment> payments = new ArrayList<>();
        int n = 0;
        for (SendRequest.Recipient r : request.recipients()) {
            n++;
            String who = request.recipients().size() > 1 ? "Recipient " + n + ": " : "";
            AddressCheck check = checkAddress(r.address());
            if (!check.valid()) {
                throw new WalletServiceException(Reason.INVALID_ADDRESS, who + check.problem().orElse("not an address"));
            }
            if (r.amount() <= 0) {
                throw new WalletServiceException(Reason.INVALID_AMOUNT, who + "the amount must be above zero");
            }
            payments.add(new Payment(Address.parse(check.address(), node.params().addressPrefix()).keyHash(), r.amount()));
        }
        Wallet w = wallet();
        SendDraft draft;
        try {
            draft = w.draft(payments, request.subtractFee(), request.feeRate(), request.coins());
        } catch (WalletException e) {
            throw translate(e);
        }
        List<SendReview.Input> inputs = new ArrayList<>(draft.inputs().size());
        for (SpendableOutput o : draft.inputs()) {
            inputs.add(new SendReview.Input(o.outpoint(), o.amount(),
                    w.address(o.keyPath()).map(Address::encode).orElse("")));
        }
        List<SendReview.Output> outputs = new ArrayList<>(draft.outputs().size());
        for (int i = 0; i < draft.outputs().size(); i++) {
            outputs.add(new SendReview.Output(new Address(node.params().addressPrefix(),
                    draft.outputs().get(i).keyHash()).encode(), draft.outputs().get(i).amount(), i == draft.changeIndex()));
        }
        long total = draft.paid() + draft.fee();
        long left = w.balances().trusted() - total;
        SendReview review = new SendReview(reviewIds.incrementAndGet(), inputs, outputs, draft.fee(), draft.feeRate(),
                total, left, draft.sizeBytes());
        synchronized (reviews) {
            reviews.put(review.id(), new Pending(draft, request.label(), review));
        }
        return review;
    }

    @Override
    public Hash confirm(SendReview review, Optional<char[]> password) throws WalletServiceException {
        Pending pending;
        synchronized (reviews) {
            pending = reviews.get(review.id());
        }
        if (pending == null || !pending.review().equals(review)) {
            throw new WalletServiceException(Reason.STALE_REVIEW, "This send is no longer ready to go (reviewed too"
                    + " long ago or already sent): review it again.");
        }
        Wallet w = wallet();
        boolean unlockedHere = false;
        if (!w.isUnlocked() && pending.draft().signed() == null) {
            if (password.isEmpty()) {
                throw new WalletLockedException(LOCKED_MESSAGE);
            }
            unlock(w, password.get(), SEND_UNLOCK);
            unlockedHere = true;
        }
        try {
            Hash txid = w.commit(pending.draft(), pending.label(), "").txid();
            synchronized (reviews) {
                reviews.remove(review.id());
            }
            return txid;
        } catch (WalletException e) {
            throw translate(e);
        } finally {
            if (unlockedHere) {
                w.lock();
            }
        }
    }

    // ------------------------------------------------------------------ lock and backup

    @Override
    public void lock() throws WalletServiceException {
        wallet().lock();
    }

    @Override
    public void unlock(char[] password, Duration duration) throws WalletServiceException {
        try {
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("an unlock lasts a positive time, not " + duration);
            }
            unlock(wallet(), password, duration.getSeconds() > WalletLock.MAX_UNLOCK_SECONDS
                    ? Duration.ofSeconds(WalletLock.MAX_UNLOCK_SECONDS) : duration);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static void unlock(Wallet w, char[] password, Duration duration) throws WalletServiceException {
        try {
            w.unlock(password, duration);
        } catch (WrongPasswordException e) {
            throw new WalletServiceException(Reason.WRONG_PASSWORD, "The wallet password is not right.", e);
        } catch (KeystoreCorruptedException e) {
            throw new WalletServiceException(Reason.STORAGE, e.getMessage(), e);
        } catch (KeystoreException | IOException e) {
            throw new WalletServiceException(Reason.STORAGE, "Cannot open the keystore: " + e.getMessage(), e);
        }
    }

    @Override
    public void changePassword(char[] oldPassword, char[] newPassword) throws WalletServiceException {
        try {
            if (newPassword == null || newPassword.length < WalletCreation.MIN_PASSWORD_LENGTH) {
                throw new WalletServiceException(Reason.INVALID_PASSWORD, "The new password must have at least "
                        + WalletCreation.MIN_PASSWORD_LENGTH + " characters.");
            }
            wallet().changePassphrase(oldPassword, newPassword);
        } catch (WrongPasswordException e) {
            throw new WalletServiceException(Reason.WRONG_PASSWORD, "The wallet password is not right.", e);
        } catch (KeystoreException | IOException e) {
            throw new WalletServiceException(Reason.STORAGE, "Cannot change the password: " + e.getMessage(), e);
        } finally {
            Arrays.fill(oldPassword, '\0');
            if (newPassword != null) {
                Arrays.fill(newPassword, '\0');
            }
        }
    }

    /** Said when a version 1 keystore is asked for its words. */
    static final String WORDS_NOT_KEPT_MESSAGE = "This wallet was made before PeerChain kept the words; your backup of"
            + " the words is the only copy.";

    @Override
    public List<String> recoveryWords(char[] password) throws WalletServiceException {
        Optional<List<String>> words;
        try {
            words = wallet().recoveryWords(password);
        } catch (WrongPasswordException e) {
            throw new WalletServiceException(Reason.WRONG_PASSWORD, "The wallet password is not right.", e);
        } catch (KeystoreCorruptedException e) {
            throw new WalletServiceException(Reason.STORAGE, e.getMessage(), e);
        } catch (KeystoreException | IOException e) {
            throw new WalletServiceException(Reason.STORAGE, "Cannot open the keystore: " + e.getMessage(), e);
        } finally {
            Arrays.fill(password, '\0');
        }
        return words.orElseThrow(() -> new WalletServiceException(Reason.WORDS_NOT_KEPT, WORDS_NOT_KEPT_MESSAGE));
    }

    @Override
    public Path backup(Path destination) throws WalletServiceException {
        try {
            return wallet().backup(destination);
        } catch (IOException | InvalidPathException e) {
            throw new WalletServiceException(Reason.STORAGE, "The backup failed: " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------ making a wallet

    @Override
    public List<String> create(char[] password, String bip39Passphrase) throws WalletServiceException {
        List<String> words = WalletCreation.newRecoveryPhrase();
        make(password, words, bip39Passphrase, false);
        open();
        return words;
    }

    @Override
    public CompletableFuture<WalletState> restore(List<String> words, String bip39Passphrase, char[] password)
            throws WalletServiceException {
        make(password, words, bip39Passphrase, true);
        CompletableFuture<WalletState> done = new CompletableFuture<>();
        scanning = true;
        Thread t = new Thread(() -> {
            try {
                open();
                done.complete(state());
            } catch (WalletServiceException | RuntimeException e) {
                done.completeExceptionally(e);
            } finally {
                scanning = false;
            }
        }, RESTORE_THREAD);
        t.setDaemon(true);
        t.start();
        return done;
    }

    @Override
    public List<String> recoveryWordList() {
        return WORD_LIST;
    }

    @Override
    public RecoveryWordsCheck checkRecoveryWords(List<String> words) {
        List<String> typed = words == null ? List.of() : words.stream()
                .map(w -> w == null ? "" : w.strip().toLowerCase(Locale.ROOT)).toList();
        if (typed.size() != RECOVERY_WORDS || typed.stream().anyMatch(String::isEmpty)) {
            long given = typed.stream().filter(w -> !w.isEmpty()).count();
            return RecoveryWordsCheck.refused(RecoveryWordsCheck.Issue.WRONG_WORD_COUNT, 0,
                    "A recovery phrase has " + RECOVERY_WORDS + " words; " + given + " are given.");
        }
        Bip39WordList list = Bip39WordList.english();
        for (int i = 0; i < typed.size(); i++) {
            if (list.indexOf(typed.get(i)) < 0) {
                return RecoveryWordsCheck.refused(RecoveryWordsCheck.Issue.UNKNOWN_WORD, i + 1,
                        "Word " + (i + 1) + " is not in the word list; did you mean "
                                + String.join(", ", list.closestWords(typed.get(i), WORD_SUGGESTIONS)) + "?");
            }
        }
        try {
            RecoveryPhrase.parse(String.join(" ", typed)).close();
            return RecoveryWordsCheck.ok();
        } catch (InvalidRecoveryPhraseException e) {
            // Count and words were checked above: only the checksum is left to fail.
            return RecoveryWordsCheck.refused(RecoveryWordsCheck.Issue.CHECKSUM_MISMATCH, 0, CHECKSUM_PROBLEM);
        }
    }

    private void make(char[] password, List<String> words, String bip39Passphrase, boolean restore)
            throws WalletServiceException {
        if (node.wallet().isPresent() || scanning) {
            throw new WalletServiceException(Reason.ALREADY_EXISTS, "This node has a wallet already; it is never"
                    + " overwritten.");
        }
        try {
            WalletCreation.create(node.config().dataDir(), node.params(), password, words,
                    bip39Passphrase == null ? "" : bip39Passphrase, restore);
        } catch (WalletCreationException e) {
            Reason reason = switch (e.reason()) {
                case ALREADY_EXISTS -> Reason.ALREADY_EXISTS;
                case INVALID_PASSWORD -> Reason.INVALID_PASSWORD;
                case WRONG_WORD_COUNT, UNKNOWN_WORD, CHECKSUM_MISMATCH -> Reason.INVALID_PHRASE;
                case STORAGE -> Reason.STORAGE;
            };
            throw new WalletServiceException(reason, capitalised(e.getMessage()), e);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private void open() throws WalletServiceException {
        try {
            node.attachWallet();
            apiEvents.publish(new WalletEvent.Loaded(state(), ""));
        } catch (WalletStoreException e) {
            apiEvents.publish(new WalletEvent.Loaded(state(), e.getMessage()));
            throw new WalletServiceException(Reason.STORAGE, e.getMessage(), e);
        }
    }

    private static String capitalised(String s) {
        return s == null || s.isEmpty() ? "" : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static WalletServiceException translate(WalletException e) {
        Reason reason = switch (e.reason()) {
            case INSUFFICIENT_FUNDS -> Reason.INSUFFICIENT_FUNDS;
            case AMOUNT_BELOW_DUST -> Reason.AMOUNT_BELOW_DUST;
            case INVALID_AMOUNT -> Reason.INVALID_AMOUNT;
            case INVALID_FEE_RATE -> Reason.INVALID_FEE_RATE;
            case LOCKED -> Reason.LOCKED;
            case KEYPOOL_EXHAUSTED -> Reason.KEYPOOL_EXHAUSTED;
            case REJECTED -> Reason.REJECTED;
            case STORAGE -> Reason.STORAGE;
            case UNKNOWN_COIN -> Reason.UNKNOWN_COIN;
            case STALE_DRAFT -> Reason.STALE_REVIEW;
        };
        if (reason == Reason.LOCKED) {
            return new WalletLockedException(LOCKED_MESSAGE);
        }
        return new WalletServiceException(reason, capitalised(e.getMessage()), e);
    }
}
