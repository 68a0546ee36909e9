package org.peerchain.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Security round 2, finding 7: the data directory was made 0755 and its databases 0644, so any local user could copy
 * the chain, the address book and the wallet's database (its addresses and history). Both tests failed on that code.
 */
@Timeout(60)
class PrivateDataDirectoryTest {
    @TempDir
    Path root;

    @BeforeEach
    void posixOnly() {
        Assumptions.assumeTrue(root.getFileSystem().supportedFileAttributeViews().contains("posix"),
                "skipped: this file system has no POSIX permissions (the user's profile folder keeps others out)");
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    /** "name: mode" for every file in {@code dir} that is not rw-------. */
    private static List<String> notPrivate(Path dir) throws Exception {
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                if (!mode(f).equals("rw-------")) {
                    out.add(f.getFileName() + ": " + mode(f));
                }
            }
        }
        return out;
    }

    @Test
    void aNewDataDirectoryAndEveryFileInItAreTheUsersAlone() throws Exception {
        Path data = root.resolve("new");
        try (Node node = Node.start(NodeConfig.regtest(data).withRpcPort(0).withP2pPort(0))) {
            node.services().wallet().create("a long enough password".toCharArray(), "");
            node.services().wallet().newAddress("");
            assertEquals("rwx------", mode(data));
            List<String> files;
            try (Stream<Path> s = Files.list(data)) {
                files = s.map(p -> p.getFileName().toString()).sorted().toList();
            }
            assertFalse(files.stream().noneMatch(f -> f.startsWith("wallet")), "the wallet was made: " + files);
            assertEquals(List.of(), notPrivate(data), "files readable by others, of " + files);
        }
        assertEquals(List.of(), notPrivate(data), "after the stop too");
    }

    @Test
    void aDataDirectoryAnOlderVersionLeftOpenIsClosedAtTheNextStart() throws Exception {
        Path data = root.resolve("old");
        Node.start(NodeConfig.regtest(data).withRpcPort(0).withP2pPort(0)).close();
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(data.resolve("chain.db"), PosixFilePermissions.fromString("rw-r--r--"));
        try (Node node = Node.start(NodeConfig.regtest(data).withRpcPort(0).withP2pPort(0))) {
            assertEquals("rwx------", mode(data));
            assertEquals(List.of(), notPrivate(data));
        }
    }
}
