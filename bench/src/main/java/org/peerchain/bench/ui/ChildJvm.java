package org.peerchain.bench.ui;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A step of a benchmark run in a new JVM, as a user's start would be (the JVM's and the toolkit's own start are part
 * of what it measures), with this JVM's class path and display settings; it reports its figures as lines
 * {@code PREFIX name=value} on its output.
 */
final class ChildJvm {
    /** The toolkit settings a child takes from this JVM, so that it draws as this one does. */
    private static final List<String> PASSED_ON = List.of("prism.order", "glass.platform", "monocle.platform",
            "prism.verbose");

    /** How the child ended and what it reported, in the order it did. */
    record Result(int exitCode, Map<String, String> report) {
    }

    private ChildJvm() {
    }

    /**
     * Runs {@code main} with {@code args} and waits for it.
     *
     * @param reportPrefix what starts a report line
     * @param otherLines gets the child's other output lines (standard error included)
     * @throws IllegalStateException if it does not end within {@code timeoutMillis} (it is then killed)
     */
    static Result run(Class<?> main, List<String> args, String reportPrefix, Consumer<String> otherLines,
            long timeoutMillis) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path")));
        for (String p : PASSED_ON) {
            if (System.getProperty(p) != null) {
                command.add("-D" + p + "=" + System.getProperty(p));
            }
        }
        command.add(main.getName());
        command.addAll(args);
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        Map<String, String> report = new LinkedHashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith(reportPrefix)) {
                    String[] kv = line.substring(reportPrefix.length()).split("=", 2);
                    report.put(kv[0], kv.length > 1 ? kv[1].trim() : "");
                } else {
                    otherLines.accept(line);
                }
            }
        }
        if (!child.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
            child.destroyForcibly();
            throw new IllegalStateException(main.getSimpleName() + " " + String.join(" ", args)
                    + " did not finish in " + timeoutMillis + " ms");
        }
        return new Result(child.exitValue(), report);
    }
}
