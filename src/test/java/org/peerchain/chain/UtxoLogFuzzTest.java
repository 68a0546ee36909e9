package org.peerchain.chain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.peerchain.core.DecodingException;

/**
 * Fuzz target for the one thing the chain database decodes beyond blocks and headers: a UTXO log row, read
 * back into the overlay when the database opens. A row either applies or is rejected with a
 * {@link DecodingException} that says what is wrong (the database then names the file and the row); no other
 * exception, and a row that applies is the log row of the changes it made.
 */
class UtxoLogFuzzTest {
    @FuzzTest
    void aLogRowAppliesOrIsRejectedSayingWhatIsWrong(byte[] row) {
        UtxoOverlay overlay = new UtxoOverlay();
        try {
            overlay.replay(row);
        } catch (DecodingException e) {
            assertNotNull(e.getMessage());
            assertFalse(e.getMessage().isBlank(), "the error says what is wrong");
            return;
        }
        // The same changes made live give the same row back (changes in order, each with its coin).
        UtxoOverlay live = new UtxoOverlay();
        try {
            live.replayAsPending(row);
        } catch (DecodingException e) {
            throw new AssertionError("a row that applied once fails the second time", e);
        }
        assertArrayEquals(row, live.pendingLogRow(), "a row that applies is the log row of its changes");
    }
}
