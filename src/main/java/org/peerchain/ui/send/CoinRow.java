package org.peerchain.ui.send;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import org.peerchain.node.api.WalletCoin;

/** One of the wallet's coins in coin control, with whether the user chose it. Only spendable coins can be chosen. */
public final class CoinRow {
    private final WalletCoin coin;
    private final BooleanProperty chosen = new SimpleBooleanProperty();

    CoinRow(WalletCoin coin, boolean chosen) {
        this.coin = coin;
        this.chosen.set(chosen && coin.spendable());
    }

    public WalletCoin coin() {
        return coin;
    }

    public BooleanProperty chosenProperty() {
        return chosen;
    }

    public boolean isChosen() {
        return chosen.get();
    }
}
