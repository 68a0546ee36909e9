package org.peerchain.node.api;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.peerchain.core.Hash;
import org.peerchain.core.OutPoint;

/**
 * The node's wallet as a front end sees it: balances, history, receive addresses, labels, sends reviewed before
 * they are made, fee estimates, the lock, backups, and making a wallet. Reads take the wallet's lock only as long as
 * a copy takes and never wait on the chain; call them off the FX thread all the same. Amounts are base units, fee
 * rates base units per byte. Without a wallet, every method that needs one throws {@link WalletServiceException}
 * with {@code NO_WALLET}; {@link #state()}, {@link #checkAddress}, {@link #estimateFee}, {@link #create},
 * {@link #restore}, {@link #recoveryWordList} and {@link #checkRecoveryWords} work without one.
 */
public interface WalletService {
    WalletState state();

    WalletBalance balance() throws WalletServiceException;

    /** The whole history, newest first. */
    List<WalletTransactionRow> history() throws WalletServiceException;

    /** {@code count} rows of the history from the {@code skip}-th newest on. */
    List<WalletTransactionRow> history(int skip, int count) throws WalletServiceException;

    Optional<WalletTransactionRow> transaction(Hash txid) throws WalletServiceException;

    /** A fresh receive address with {@code label}; works while locked as long as derived keys last. */
    ReceiveAddress newAddress(String label) throws WalletServiceException;

    /**
     * Our receive addresses that were handed out or paid, oldest first, with what each received in transactions of
     * at least {@code minConfirmations}.
     */
    List<ReceiveAddress> receiveAddresses(int minConfirmations) throws WalletServiceException;

    /** Labels one of our addresses; an empty label removes it. */
    void setAddressLabel(String address, String label) throws WalletServiceException;

    /** Labels one of our transactions; an empty label shows the label of the address it pays again. */
    void setTransactionLabel(Hash txid, String label) throws WalletServiceException;

    /** Checks an address as typed: checksum, network, whether it is ours. Never throws. */
    AddressCheck checkAddress(String address);

    /** A fee rate to confirm within {@code targetBlocks} (1 to {@value #MAX_FEE_TARGET}); works without a wallet. */
    FeeEstimate estimateFee(int targetBlocks);

    int MAX_FEE_TARGET = 1008;

    /** Every unspent output of ours, for coin control, largest first. */
    List<WalletCoin> coins() throws WalletServiceException;

    /** Keeps coins out of automatic selection ({@code true}) or lets them back ({@code false}). */
    void setCoinsLocked(List<OutPoint> coins, boolean locked) throws WalletServiceException;

    /**
     * Builds a send and returns it for review without sending anything: the coins, outputs, fee, total and balance
     * left. Works while locked.
     */
    SendReview review(SendRequest request) throws WalletServiceException;

    /**
     * Makes a reviewed send: signs it (unlocking with {@code password} for this send alone when the wallet is locked),
     * hands it to the node and returns its txid.
     *
     * @param password the wallet's password, needed only when it is locked; empty otherwise
     * @throws WalletLockedException when locked and no password was given
     */
    Hash confirm(SendReview review, Optional<char[]> password) throws WalletServiceException;

    void lock() throws WalletServiceException;

    /** Unlocks for {@code duration} (capped at bitcoind's limit). The password array is wiped once done. */
    void unlock(char[] password, Duration duration) throws WalletServiceException;

    /** Re-encrypts the keystore under {@code newPassword}; both arrays are wiped once done, right or wrong. */
    void changePassword(char[] oldPassword, char[] newPassword) throws WalletServiceException;

    /**
     * The wallet's {@value #RECOVERY_WORDS} recovery words, in order, after checking {@code password} (locked or not).
     * Wrong password: {@code WRONG_PASSWORD}; a wallet made before PeerChain kept the words: {@code WORDS_NOT_KEPT},
     * whose message says the user's written copy is the only one. The password array is wiped once done.
     */
    List<String> recoveryWords(char[] password) throws WalletServiceException;

    /** Writes an encrypted copy of the keystore to {@code destination} (a file, or a directory to put it in). */
    Path backup(Path destination) throws WalletServiceException;

    /**
     * Makes a new wallet and opens it: returns its {@value #RECOVERY_WORDS} recovery words, to show once.
     *
     * @param bip39Passphrase the optional BIP39 passphrase; empty for none
     */
    List<String> create(char[] password, String bip39Passphrase) throws WalletServiceException;

    int RECOVERY_WORDS = 24;

    /**
     * The word list recovery words come from (BIP39's English list, 2048 words in its order), for completion as a
     * person types them. Takes no lock and reads nothing: safe on any thread.
     */
    List<String> recoveryWordList();

    /**
     * Checks recovery words as typed (any letter case, surrounding spaces ignored): their count, that each is in the
     * list, and that their checksum matches. Works without a wallet; takes no lock. Never throws.
     */
    RecoveryWordsCheck checkRecoveryWords(List<String> words);

    /**
     * Makes a wallet from its recovery words and opens it, scanning the chain for its coins: {@link
     * WalletEvent.RescanProgress} reports the scan; the future completes when it is done. Wrong words, a short
     * password or an existing wallet are refused at once.
     */
    CompletableFuture<WalletState> restore(List<String> words, String bip39Passphrase, char[] password)
            throws WalletServiceException;
}
