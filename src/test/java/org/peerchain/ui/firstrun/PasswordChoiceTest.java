package org.peerchain.ui.firstrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The password typed twice: its hint, a mismatch said in words, and copies the caller can wipe. */
@Timeout(10)
class PasswordChoiceTest {
    private final PasswordChoice choice = new PasswordChoice();

    @Test
    void theHintFollowsTheFirstFieldAndIsEmptyBeforeAnything() {
        assertEquals("", choice.strengthTextProperty().get());
        choice.setFirst("kqmzbwxr".toCharArray());
        assertEquals("weak", choice.strengthLevelProperty().get());
        assertTrue(choice.strengthTextProperty().get().startsWith("Weak: "));
        choice.setFirst("correct horse battery staple".toCharArray());
        assertEquals("strong", choice.strengthLevelProperty().get());
        assertEquals(1, choice.strengthFractionProperty().get());
    }

    @Test
    void aMismatchIsSaidOnceTheRepeatIsAsLongAndRefusedInWords() {
        choice.setFirst("horse battery".toCharArray());
        choice.setSecond("horse".toCharArray());
        assertEquals("", choice.mismatchProperty().get(), "a half-typed repeat is no mistake yet");
        choice.setSecond("horse batterx".toCharArray());
        assertEquals(PasswordChoice.MISMATCH, choice.mismatchProperty().get());
        assertEquals(Optional.of(PasswordChoice.MISMATCH), choice.problem());
        choice.setSecond("horse battery".toCharArray());
        assertEquals("", choice.mismatchProperty().get());
        assertEquals(Optional.empty(), choice.problem());
    }

    @Test
    void aShortPasswordIsRefusedEvenWhenBothMatch() {
        choice.setFirst("abc12".toCharArray());
        choice.setSecond("abc12".toCharArray());
        assertEquals(Optional.of(PasswordChoice.TOO_SHORT), choice.problem());
        assertEquals("The password needs at least 8 characters.", choice.problem().get());
    }

    @Test
    void theCallersArrayMayBeWipedAndThePasswordIsHandedOutAsACopy() {
        char[] typed = "horse battery".toCharArray();
        choice.setFirst(typed);
        choice.setSecond(typed);
        Arrays.fill(typed, '\0');
        char[] handed = choice.password();
        assertEquals("horse battery", new String(handed));
        Arrays.fill(handed, '\0');
        assertEquals("horse battery", new String(choice.password()));
        assertTrue(choice.filledProperty().get());
        choice.clear();
        assertFalse(choice.filledProperty().get());
        assertEquals(0, choice.password().length);
    }
}
