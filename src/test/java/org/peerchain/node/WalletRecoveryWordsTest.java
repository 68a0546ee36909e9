package org.peerchain.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.node.api.WalletService;
import org.peerchain.node.api.WalletServiceException;
import org.peerchain.wallet.Wallet;

/** The wallet service shows the recovery words after the password, as the Settings screen asks. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WalletRecoveryWordsTest {
    private static final char[] PASSWORD = "correct horse battery staple".toCharArray();

    @TempDir
    Path dir;

    @Test
    void theWordsShownAfterThePasswordAreTheOnesCreateReturnedAndAWrongPasswordIsRefused() throws Exception {
        try (Node node = Node.start(NodeConfig.regtest(dir).withRpcPort(NodeConfig.OFF))) {
            WalletService wallet = node.services().wallet();
            List<String> created = wallet.create(PASSWORD.clone(), "");
            assertEquals(created, wallet.recoveryWords(PASSWORD.clone()));
            var e = assertThrows(WalletServiceException.class, () -> wallet.recoveryWords("not it at all".toCharArray()));
            assertEquals(WalletServiceException.Reason.WRONG_PASSWORD, e.reason());
            wallet.changePassword(PASSWORD.clone(), "a brand new password".toCharArray());
            assertEquals(created, wallet.recoveryWords("a brand new password".toCharArray()));
        }
    }

    @Test
    void aWalletMadeBeforeTheWordsWereKeptSaysItsWordsCannotBeShown() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/wallet/keystore-v1.json")) {
            Files.createDirectories(dir);
            Files.write(dir.resolve(Wallet.KEYSTORE_FILE), in.readAllBytes());
        }
        try (Node node = Node.start(NodeConfig.regtest(dir).withRpcPort(NodeConfig.OFF))) {
            WalletService wallet = node.services().wallet();
            var e = assertThrows(WalletServiceException.class,
                    () -> wallet.recoveryWords("version one password".toCharArray()));
            assertEquals(WalletServiceException.Reason.WORDS_NOT_KEPT, e.reason());
            assertEquals("This wallet was made before PeerChain kept the words; your backup of the words is the only"
                    + " copy.", e.getMessage());
            assertEquals(WalletServiceException.Reason.WRONG_PASSWORD, assertThrows(WalletServiceException.class,
                    () -> wallet.recoveryWords("not it at all".toCharArray())).reason());
        }
    }
}
