package org.peerchain.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.node.rpc.RpcClient;
import org.peerchain.node.rpc.RpcCookie;
import org.peerchain.node.rpc.RpcErrors;
import org.peerchain.node.rpc.RpcException;
import org.peerchain.wallet.Wallet;

/**
 * Security round 2, finding 11 (backup target): {@code backupwallet} over RPC on a real regtest node never writes
 * into the node's data directory, by its name, through a symbolic link to it, or by a hard link to one of its files.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WalletBackupTargetTest {
    @TempDir
    Path dir;
    @TempDir
    Path elsewhere;
    Node node;
    RpcClient rpc;

    @BeforeEach
    void startNodeWithWallet() throws Exception {
        node = WalletNodes.startWithWallet(dir, WalletNodes.newPhrase(), false);
        rpc = RpcClient.forDataDir(dir);
    }

    @AfterEach
    void stop() {
        node.close();
    }

    private RpcException refused(Path destination) {
        RpcException e = assertThrows(RpcException.class,
                () -> rpc.call("backupwallet", new JsonPrimitive(destination.toString())));
        assertEquals(RpcErrors.WALLET_ERROR, e.code());
        assertTrue(e.getMessage().startsWith("Error: Wallet backup failed!"), e.getMessage());
        return e;
    }

    private void assertWalletAndNodeServing() throws Exception {
        assertEquals(0, rpc.call("getblockcount").getAsInt());
        assertTrue(rpc.call("getwalletinfo").getAsJsonObject().has("balance"));
    }

    @Test
    void theNodesOwnFilesAreRefusedAndLeftAsTheyWere() throws Exception {
        for (String name : new String[] {"wallet.db", "chain.db", "peers.db", RpcCookie.FILE_NAME, Wallet.KEYSTORE_FILE,
                "new-file-in-the-data-directory"}) {
            Path target = dir.resolve(name);
            byte[] before = Files.exists(target) ? Files.readAllBytes(target) : null;
            RpcException e = refused(target);
            assertTrue(e.getMessage().contains("inside the node's data directory"), e.getMessage());
            assertTrue(e.getMessage().contains("choose a place outside it"), e.getMessage());
            if (before != null && !name.endsWith(".db")) {
                assertArrayEquals(before, Files.readAllBytes(target), name + " was changed");
            } else if (before != null) {
                assertArrayEquals(java.util.Arrays.copyOf(before, 16), java.util.Arrays.copyOf(Files.readAllBytes(target), 16),
                        name + " is no longer an SQLite database");
            } else {
                assertTrue(Files.notExists(target), name + " was written");
            }
            assertWalletAndNodeServing();
        }
    }

    @Test
    void theDataDirectoryItselfAndAFolderInItAreRefused() throws Exception {
        Files.createDirectories(dir.resolve("backups"));
        refused(dir);
        refused(dir.resolve("backups"));
        refused(dir.resolve("backups").resolve("..").resolve("wallet.db"));
        assertTrue(Files.notExists(dir.resolve("backups").resolve(Wallet.KEYSTORE_FILE)));
        assertWalletAndNodeServing();
    }

    @Test
    void aSymbolicLinkToTheDataDirectoryIsFollowedAndRefused() throws Exception {
        Path link = elsewhere.resolve("looks-elsewhere");
        try {
            Files.createSymbolicLink(link, dir);
        } catch (IOException | UnsupportedOperationException e) {
            Assumptions.abort("this file system has no symbolic links: " + e.getMessage());
        }
        RpcException e = refused(link.resolve("wallet.db"));
        assertTrue(e.getMessage().contains("inside the node's data directory"), e.getMessage());
        assertWalletAndNodeServing();
    }

    @Test
    void aHardLinkToOneOfTheNodesFilesIsRefused() throws Exception {
        Path link = elsewhere.resolve("cookie-too");
        try {
            Files.createLink(link, dir.resolve(RpcCookie.FILE_NAME));
        } catch (IOException | UnsupportedOperationException e) {
            Assumptions.abort("no hard link here: " + e.getMessage());
        }
        byte[] before = Files.readAllBytes(link);
        RpcException e = refused(link);
        assertTrue(e.getMessage().contains("is the node's own file " + dir.resolve(RpcCookie.FILE_NAME).toRealPath()),
                e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(link));
        assertWalletAndNodeServing();
    }

    @Test
    void aPlaceOutsideTheDataDirectoryTakesTheBackup() throws Exception {
        Path target = elsewhere.resolve("wallet-backup.keystore");
        rpc.call("backupwallet", new JsonPrimitive(target.toString()));
        assertArrayEquals(Files.readAllBytes(dir.resolve(Wallet.KEYSTORE_FILE)), Files.readAllBytes(target));
    }
}
