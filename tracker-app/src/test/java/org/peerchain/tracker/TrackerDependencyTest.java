package org.peerchain.tracker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Dependencies run one way: the window ({@code tracker.ui}) uses the server and is found by the command as an
 * {@link AdminWindow}; the server, the command and the benchmark never name the window, and the window never
 * calls the command. Checked on the compiled classes, where every class a class uses is named in its constant pool.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TrackerDependencyTest {
    private static final String UI_PACKAGE = "org/peerchain/tracker/ui/";

    private static Path compiled(String packagePath) throws URISyntaxException {
        Path root = Path.of(AdminWindow.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return root.resolve(packagePath);
    }

    /** The class files directly in {@code packagePath} whose constant pool names {@code internalName}. */
    private static List<String> classesNaming(String packagePath, String internalName) throws Exception {
        byte[] needle = internalName.getBytes(StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(compiled(packagePath))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                if (contains(Files.readAllBytes(f), needle)) {
                    out.add(f.getFileName().toString());
                }
            }
        }
        return out;
    }

    private static boolean contains(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static int classCount(String packagePath) throws IOException, URISyntaxException {
        try (Stream<Path> files = Files.list(compiled(packagePath))) {
            return (int) files.filter(p -> p.toString().endsWith(".class")).count();
        }
    }

    @Test
    void theServerTheCommandAndTheBenchmarkNeverNameTheWindow() throws Exception {
        assertTrue(classCount("org/peerchain/tracker") > 10, "the server's classes are where the test looks");
        assertEquals(List.of(), classesNaming("org/peerchain/tracker", UI_PACKAGE));
        assertEquals(List.of(), classesNaming("org/peerchain/tracker/bench", UI_PACKAGE));
    }

    @Test
    void theWindowNeverCallsTheCommandOrTheCommandLine() throws Exception {
        assertTrue(classCount(UI_PACKAGE) > 4, "the window's classes are where the test looks");
        assertEquals(List.of(), classesNaming(UI_PACKAGE, "org/peerchain/tracker/TrackerCommand"));
        assertEquals(List.of(), classesNaming(UI_PACKAGE, "org/peerchain/cli/"));
        assertFalse(classesNaming(UI_PACKAGE, "org/peerchain/tracker/AdminWindow").isEmpty(),
                "the window is offered as the command's AdminWindow");
    }

    @Test
    void theCommandFindsTheWindowOfThisBuild() {
        assertEquals("org.peerchain.tracker.ui.TrackerLauncher",
                AdminWindow.find().orElseThrow().getClass().getName());
    }
}
