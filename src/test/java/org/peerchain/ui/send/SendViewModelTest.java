package org.peerchain.ui.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerchain.ui.send.FundedWallets.PASSWORD;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.consensus.ChainParams;
import org.peerchain.node.Node;
import org.peerchain.node.NodeConfig;
import org.peerchain.node.api.FeeEstimate;
import org.peerchain.node.api.SendRequest;
import org.peerchain.node.api.SendReview;
import org.peerchain.node.api.WalletCoin;
import org.peerchain.node.api.WalletService;
import org.peerchain.ui.fx.Formats;
import org.peerchain.ui.fx.FxDispatcher;
import org.peerchain.ui.fx.Navigator;
import org.peerchain.ui.fx.ScreenId;
import org.peerchain.ui.send.RecipientRow.AddressState;

/**
 * The Send screen's view-model against a real regtest node with a funded wallet, its dispatcher and background work
 * direct, so each command has finished when it returns.
 */
@Timeout(120)
class SendViewModelTest {
    private static final long COIN = 100_000_000L;

    @TempDir
    Path dir;

    private final List<String> explored = Collections.synchronizedList(new ArrayList<>());
    private final Navigator navigator = new Navigator() {
        @Override
        public void open(ScreenId screen) {
        }

        @Override
        public void explore(String query) {
            explored.add(query);
        }
    };
    private Node node;

    @AfterEach
    void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    /** A node whose locked wallet has {@code mature} spendable rewards, and the view-model on it. */
    private SendViewModel funded(int mature) throws Exception {
        FundedWallets.makeWallet(dir);
        node = Node.start(NodeConfig.regtest(dir).withRpcPort(NodeConfig.OFF));
        FundedWallets.fund(node, mature);
        return activated();
    }

    /**
     * The view-model with the wallet read once. It does not follow the wallet's events: with a direct dispatcher they
     * would reload it on the wallet's event thread while the test types.
     */
    private SendViewModel activated() {
        SendViewModel model = new SendViewModel(node.services(), new FxDispatcher(Runnable::run), navigator,
                Runnable::run, null, Duration.ZERO);
        model.load();
        return model;
    }

    private WalletService wallet() {
        return node.services().wallet();
    }

    private static RecipientRow only(SendViewModel model) {
        return model.recipients().get(0);
    }

    private static SendReview reviewed(SendViewModel model) {
        AtomicReference<SendReview> review = new AtomicReference<>();
        model.review(review::set);
        assertEquals("", model.formProblemProperty().get());
        return review.get();
    }

    @Test
    void eachAddressIsCheckedAsTypedAndTheResultSaidInWords() throws Exception {
        SendViewModel model = funded(1);
        RecipientRow row = only(model);
        String mine = wallet().newAddress("savings").address();

        row.addressProperty().set(mine);
        assertEquals(AddressState.MINE, row.addressStateProperty().get());
        assertTrue(row.addressStatusProperty().get().startsWith("One of your addresses (savings)"),
                row.addressStatusProperty().get());

        row.addressProperty().set(FundedWallets.elsewhere(ChainParams.REGTEST));
        assertEquals(AddressState.VALID, row.addressStateProperty().get());
        assertEquals("A valid regtest address", row.addressStatusProperty().get());

        row.addressProperty().set(FundedWallets.typo(mine));
        assertEquals(AddressState.PROBLEM, row.addressStateProperty().get());
        assertTrue(row.addressStatusProperty().get().contains("checksum does not match"),
                row.addressStatusProperty().get());

        // Test and regtest addresses look alike; on regtest, a main-network address is the one of another network.
        row.addressProperty().set(FundedWallets.elsewhere(ChainParams.MAIN));
        assertEquals(AddressState.PROBLEM, row.addressStateProperty().get());
        assertTrue(row.addressStatusProperty().get().startsWith("This is a main-network address"),
                row.addressStatusProperty().get());

        row.addressProperty().set("");
        assertEquals(AddressState.EMPTY, row.addressStateProperty().get());
    }

    @Test
    void wrongAmountsAreSaidInWordsAndNothingIsReviewed() throws Exception {
        SendViewModel model = funded(2);
        RecipientRow row = only(model);
        long available = 2 * ChainParams.REGTEST.subsidy(1);
        assertEquals(available, model.availableProperty().get());
        assertEquals("You can spend " + Formats.amount(available), model.availableTextProperty().get());
        row.addressProperty().set(FundedWallets.elsewhere(ChainParams.REGTEST));

        row.amountProperty().set("1.2.3");
        assertEquals("Amount: 1.2.3 is not a number", row.amountProblemProperty().get());
        row.amountProperty().set("0");
        assertEquals("Amount: must be above zero", row.amountProblemProperty().get());
        row.amountProperty().set("-1");
        assertEquals("Amount: an amount cannot be below zero", row.amountProblemProperty().get());
        row.amountProperty().set("0.123456789");
        assertTrue(row.amountProblemProperty().get().startsWith("Amount: 0.123456789 has more than 8 decimals"));
        row.amountProperty().set("1000");
        assertEquals("Amount: more than the " + Formats.amount(available) + " you can spend",
                row.amountProblemProperty().get());

        AtomicReference<SendReview> review = new AtomicReference<>();
        model.review(review::set);
        assertEquals(null, review.get(), "nothing is reviewed while an amount is wrong");
        assertEquals("Amount: more than the " + Formats.amount(available) + " you can spend",
                model.formProblemProperty().get());

        row.amountProperty().set("1");
        assertEquals("", row.amountProblemProperty().get());
        row.addressProperty().set("");
        model.review(review::set);
        assertEquals(null, review.get());
        assertEquals("Address: enter the address to pay", model.formProblemProperty().get());

        model.addRecipient();
        model.recipients().get(1).addressProperty().set(FundedWallets.elsewhere(ChainParams.REGTEST));
        model.recipients().get(1).amountProperty().set(Formats.coins(available - COIN / 2));
        row.addressProperty().set(FundedWallets.elsewhere(ChainParams.REGTEST));
        model.review(review::set);
        assertTrue(model.formProblemProperty().get().startsWith("The recipients add up to "),
                model.formProblemProperty().get());
        assertEquals(0, node.mempool().size());
    }

    @Test
    void maxFillsWhatCanBeSpentLessTheFeeAndWithTwoRecipientsWhatTheOtherLeaves() throws Exception {
        SendViewModel model = funded(3);
        long available = model.availableProperty().get();
        RecipientRow row = only(model);
        row.addressProperty().set(FundedWallets.elsewhere(ChainParams.REGTEST));
        model.max(row);
        long max = org.peerchain.ui.fx.AmountParser.parse(row.amountProperty().get());
        assertTrue(max < available && max > available - COIN, "max " + max + " of " + available);
        SendReview all = reviewed(model);
        assertEquals(available, all.total(), "Max spends everything: the amount and the fee");
        assertEquals(0, all.balanceLeft());
        assertTrue(all.outputs().stream().noneMatch(SendReview.Output::change), "no change is left");

        // A second row gets what the first leaves; the first row's address need not be typed yet.
        row.amountProperty().set("10");
        model.addRecipient();
        RecipientRow second = model.recipients().get(1);
        model.max(second);
        long secondMax = org.peerchain.ui.fx.AmountParser.parse(second.amountProperty().get());
        second.addressProperty().set(FundedWallets.elsewhere(ChainParams.REGTEST));
        SendReview both = reviewed(model);
        assertEquals(available - 10 * COIN - both.fee(), secondMax);
        assertEquals(available, both.total());

        // With the fee taken from the amounts, Max is everything that is left.
        model.subtractFeeProperty().set(true);
        model.max(second);
        assertEquals(Formats.coins(available - 10 * COIN), second.amountProperty().get());
    }

    @Test
    void feePresetsShowTheirRateAndTheFeeForThisSendAndACustomRateIsChecked() throws Exception {
        SendViewModel model = funded(2);
        FeeEstimate next = wallet().estimateFee(FeePreset.NEXT_BLOCK.targetBlocks());
        assertEquals(Formats.feeRate(next.feeRate()), model.feeTextProperty(FeePreset.NEXT_BLOCK).get(),
                "before a send is typed, the rate alone");
        RecipientRow row = only(model);
        String to = FundedWallets.elsewhere(ChainParams.REGTEST);
        row.addressProperty().set(to);
        row.amountProperty().set("1.5");
        for (FeePreset p : List.of(FeePreset.NEXT_BLOCK, FeePreset.WITHIN_SIX_BLOCKS, FeePreset.ECONOMY)) {
            long rate = wallet().estimateFee(p.targetBlocks()).feeRate();
            long fee = wallet().review(SendRequest.to(to, 150_000_000L, rate)).fee();
            assertEquals(Formats.feeRate(rate) + " · fee " + Formats.amount(fee), model.feeTextProperty(p).get(),
                    p.title());
        }

        model.presetProperty().set(FeePreset.CUSTOM);
        model.customRateProperty().set("fast");
        assertEquals("Custom fee rate: enter whole base units per byte above zero, like 12",
                model.customRateProblemProperty().get());
        AtomicReference<SendReview> none = new AtomicReference<>();
        model.review(none::set);
        assertEquals(null, none.get());
        assertEquals(model.customRateProblemProperty().get(), model.formProblemProperty().get());
        model.customRateProperty().set("25");
        assertEquals("", model.customRateProblemProperty().get());
        long fee = wallet().review(SendRequest.to(to, 150_000_000L, 25)).fee();
        assertEquals("fee " + Formats.amount(fee), model.feeTextProperty(FeePreset.CUSTOM).get());
        assertEquals(25, reviewed(model).feeRate());
    }

    @Test
    void coinControlSpendsOnlyTheChosenCoins() throws Exception {
        SendViewModel model = funded(3);
        List<WalletCoin> coins = wallet().coins();
        assertEquals(coins, model.coins().stream().map(CoinRow::coin).toList());
        CoinRow chosen = model.coins().get(1);
        chosen.chosenProperty().set(true);
        assertEquals(chosen.coin().amount(), model.availableProperty().get());
        assertEquals("1 coin chosen: " + Formats.amount(chosen.coin().amount()) + ". Only these are spent.",
                model.coinSelectionProperty().get());
        RecipientRow row = only(model);
        row.addressProperty().set(FundedWallets.elsewhere(ChainParams.REGTEST));
        row.amountProperty().set(Formats.coins(chosen.coin().amount() + 1));
        assertEquals("Amount: more than the " + Formats.amount(chosen.coin().amount()) + " the chosen coins hold",
                row.amountProblemProperty().get());
        row.amountProperty().set("1");
        SendReview review = reviewed(model);
        assertEquals(List.of(chosen.coin().outpoint()),
                review.inputs().stream().map(SendReview.Input::outpoint).toList());
    }

    @Test
    void aHighFeeRateOrAFeeAboveATenthOfTheAmountIsWarnedInWords() throws Exception {
        SendViewModel model = funded(2);
        RecipientRow row = only(model);
        row.addressProperty().set(FundedWallets.elsewhere(ChainParams.REGTEST));
        row.amountProperty().set("5");
        model.presetProperty().set(FeePreset.NEXT_BLOCK);
        assertEquals(List.of(), model.feeWarnings(reviewed(model)), "an ordinary send is not warned");

        model.presetProperty().set(FeePreset.CUSTOM);
        model.customRateProperty().set(Long.toString(SendViewModel.MAX_SANE_FEE_RATE * 5));
        List<String> high = model.feeWarnings(reviewed(model));
        assertEquals(1, high.size());
        assertTrue(high.get(0).startsWith("The fee rate of 5,000 units/B is above 1,000 units/B"), high.get(0));

        model.customRateProperty().set("10");
        row.amountProperty().set("0.0001");
        SendReview small = reviewed(model);
        List<String> share = model.feeWarnings(small);
        assertEquals(List.of("The fee of " + Formats.amount(small.fee()) + " is more than 10% of the "
                + Formats.amount(10_000) + " the recipients get."), share);
    }

    @Test
    void aLockedWalletSendsWithItsPasswordAfterAWrongOneAndTheFormEmptiesForTheNext() throws Exception {
        SendViewModel model = funded(2);
        assertTrue(model.isLocked());
        RecipientRow row = only(model);
        row.addressProperty().set(FundedWallets.elsewhere(ChainParams.REGTEST));
        row.amountProperty().set("1.5");
        row.labelProperty().set("rent");
        SendReview review = reviewed(model);
        List<SendOutcome> outcomes = new ArrayList<>();

        model.confirm(review, Optional.empty(), outcomes::add);
        assertInstanceOf(SendOutcome.PasswordNeeded.class, outcomes.get(0));
        char[] wrong = "not the password".toCharArray();
        model.confirm(review, Optional.of(wrong), outcomes::add);
        assertEquals(new SendOutcome.WrongPassword("The wallet password is not right."), outcomes.get(1));
        assertEquals(0, node.mempool().size());
        assertEquals("1.5", row.amountProperty().get(), "the form keeps what was typed");
        char[] right = PASSWORD.clone();
        model.confirm(review, Optional.of(right), outcomes::add);

        SendOutcome.Sent sent = assertInstanceOf(SendOutcome.Sent.class, outcomes.get(2));
        assertTrue(node.mempool().contains(sent.txid()));
        assertEquals("Sent 1.50 PCH to " + Formats.shortHash(FundedWallets.elsewhere(ChainParams.REGTEST))
                + "; transaction " + Formats.shortHash(sent.txid().toHex()), model.outcomeProperty().get());
        assertTrue(new String(right).chars().allMatch(c -> c == 0), "the password is cleared after use");
        assertTrue(new String(wrong).chars().allMatch(c -> c == 0));
        assertEquals("rent", wallet().transaction(sent.txid()).orElseThrow().label());
        assertEquals("", only(model).amountProperty().get(), "a sent form empties for the next send");
        model.exploreSent();
        assertEquals(List.of(sent.txid().toHex()), explored);
    }

    @Test
    void aSendThatFailsSaysWhyAndKeepsTheForm() throws Exception {
        SendViewModel model = funded(2);
        wallet().unlock(PASSWORD.clone(), Duration.ofMinutes(5));
        CoinRow chosen = model.coins().get(0);
        chosen.chosenProperty().set(true);
        RecipientRow row = only(model);
        row.addressProperty().set(FundedWallets.elsewhere(ChainParams.REGTEST));
        row.amountProperty().set("2");
        SendReview review = reviewed(model);
        // The same coin leaves by another send before this one is confirmed.
        wallet().confirm(wallet().review(new SendRequest(List.of(new SendRequest.Recipient(
                FundedWallets.elsewhere(ChainParams.REGTEST), COIN)), 10, false, List.of(chosen.coin().outpoint()), "")),
                Optional.empty());
        List<SendOutcome> outcomes = new ArrayList<>();
        model.confirm(review, Optional.empty(), outcomes::add);

        SendOutcome.Failed failed = assertInstanceOf(SendOutcome.Failed.class, outcomes.get(0));
        assertTrue(failed.message().startsWith("Nothing was sent: "), failed.message());
        assertEquals(failed.message(), model.formProblemProperty().get());
        assertEquals("2", row.amountProperty().get());
        assertFalse(row.addressProperty().get().isEmpty());
    }

    @Test
    void withoutAWalletTheScreenSaysSo() throws Exception {
        node = Node.start(NodeConfig.regtest(dir).withRpcPort(NodeConfig.OFF));
        SendViewModel model = activated();
        assertTrue(model.walletMissingProperty().get());
    }
}
