package org.peerchain.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.peerchain.node.WalletNodes.PASSWORD;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.node.api.WalletService;
import org.peerchain.node.api.WalletServiceException;

/**
 * Security round 2, finding 11 (wiped passwords): the wallet service, which RPC's walletpassphrase and
 * walletpassphrasechange and the desktop call, wipes every password array it is given once done, right or wrong, as
 * create and restore already did.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WalletPasswordWipingTest {
    private static final String NEW_PASSWORD = "a brand new password";

    @TempDir
    Path dir;

    private static void assertWiped(char[] password) {
        assertArrayEquals(new char[password.length], password, "the password array was left as typed");
    }

    @Test
    void unlockChangeAndShowTheWordsWipeThePasswordsTheyAreGivenRightOrWrong() throws Exception {
        try (Node node = WalletNodes.startWithWallet(dir, WalletNodes.newPhrase(), false)) {
            WalletService wallet = node.services().wallet();

            char[] right = PASSWORD.clone();
            wallet.unlock(right, Duration.ofMinutes(1));
            assertWiped(right);
            char[] wrong = "not the password".toCharArray();
            assertThrows(WalletServiceException.class, () -> wallet.unlock(wrong, Duration.ofMinutes(1)));
            assertWiped(wrong);

            char[] forWords = PASSWORD.clone();
            wallet.recoveryWords(forWords);
            assertWiped(forWords);

            char[] old = PASSWORD.clone();
            char[] tooShort = "short".toCharArray();
            assertThrows(WalletServiceException.class, () -> wallet.changePassword(old, tooShort));
            assertWiped(old);
            assertWiped(tooShort);

            char[] current = PASSWORD.clone();
            char[] next = NEW_PASSWORD.toCharArray();
            wallet.changePassword(current, next);
            assertWiped(current);
            assertWiped(next);
            // the change took: the new password unlocks
            wallet.unlock(NEW_PASSWORD.toCharArray(), Duration.ofMinutes(1));
        }
    }
}
