package org.peerchain.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class WalletBenchmarkTest {
    @Test
    void printsTheBuildAndSignRescanHistoryAndReviewFiguresLastAsNameValueLines() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        WalletBenchmark.run(new PrintStream(buf, true, StandardCharsets.UTF_8), 300, 300);
        String[] lines = buf.toString(StandardCharsets.UTF_8).strip().split("\n");
        assertTrue(lines[lines.length - 4].matches("build_sign_tx_ms: [0-9]+\\.[0-9]{3}"), lines[lines.length - 4]);
        assertTrue(lines[lines.length - 3].matches("rescan_blocks_per_s: [0-9]+"), lines[lines.length - 3]);
        assertTrue(lines[lines.length - 2].matches("history_open_ms: [0-9]+\\.[0-9]{3}"), lines[lines.length - 2]);
        assertTrue(lines[lines.length - 1].matches("send_review_ms: [0-9]+\\.[0-9]{3}"), lines[lines.length - 1]);
        assertTrue(lines[0].equals("utxos: 10000"), lines[0]);
    }
}
