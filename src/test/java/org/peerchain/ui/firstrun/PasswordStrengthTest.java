package org.peerchain.ui.firstrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.peerchain.ui.firstrun.PasswordStrength.Level;

/** The password hint: honest about length, variety, common passwords and patterns. */
@Timeout(10)
class PasswordStrengthTest {
    private static PasswordStrength of(String password) {
        return PasswordStrength.of(password.toCharArray());
    }

    @Test
    void anEmptyPasswordIsWeakAndNotLongEnough() {
        PasswordStrength s = of("");
        assertEquals(Level.WEAK, s.level());
        assertFalse(s.longEnough());
        assertEquals(0, s.fraction());
    }

    @Test
    void aShortPasswordIsRefusedAsTooShortWhateverItsVariety() {
        PasswordStrength s = of("X7#q");
        assertFalse(s.longEnough());
        assertEquals(Level.WEAK, s.level());
        assertEquals("Weak: too short: 4 of at least 8 characters", s.description());
    }

    @Test
    void aMostUsedPasswordIsWeakWhateverItsLengthOrCase() {
        for (String p : new String[] {"password", "PassWord1", "qwertyuiop", "123456789", "Peerchain"}) {
            PasswordStrength s = of(p);
            assertEquals(Level.WEAK, s.level(), p);
            assertEquals("it is one of the most used passwords, tried first by anyone guessing", s.reason(), p);
            assertTrue(s.bits() <= PasswordStrength.COMMON_PASSWORD_BITS, p);
        }
    }

    @Test
    void aCommonPasswordInsideALongerOneCountsForLittle() {
        PasswordStrength built = of("password#Tz");
        PasswordStrength plain = of("kqmzbwxr#Tz");
        assertTrue(built.bits() < plain.bits() - 20, built.bits() + " vs " + plain.bits());
        assertEquals("it is built on one of the most used passwords", built.reason());
    }

    @Test
    void repeatsAndSequencesCountForLittle() {
        PasswordStrength repeated = of("aaaaaaaaaaaa");
        assertEquals(Level.WEAK, repeated.level());
        assertEquals("it repeats itself", repeated.reason());

        PasswordStrength sequence = of("abcdefghijkl");
        assertEquals(Level.WEAK, sequence.level());
        assertEquals("it is mostly a sequence like abc or 123", sequence.reason());

        PasswordStrength pattern = of("xq7Rxq7Rxq7R");
        PasswordStrength varied = of("xq7Rmw2Kpz9T");
        assertEquals("it repeats itself", pattern.reason());
        assertTrue(pattern.bits() <= varied.bits() / 2, pattern.bits() + " vs " + varied.bits());
    }

    @Test
    void eightLowerCaseLettersAreWeakAndSaySo() {
        PasswordStrength s = of("kqmzbwxr");
        assertTrue(s.longEnough());
        assertEquals(Level.WEAK, s.level());
        assertEquals("one kind of character: make it longer, or mix in capitals, digits and symbols", s.reason());
    }

    @Test
    void mixedClassesMakeAFairPasswordAndLengthAStrongOne() {
        PasswordStrength fair = of("kq7Zb#wx");
        assertEquals(Level.FAIR, fair.level(), () -> fair.bits() + "");

        PasswordStrength strong = of("correct horse battery staple");
        assertEquals(Level.STRONG, strong.level());
        assertEquals("Strong: long and varied", strong.description());
        assertEquals(1, strong.fraction());
    }

    @Test
    void moreCharactersNeverMakeAPasswordWeaker() {
        String grow = "Tm9#kq2Lw";
        double before = 0;
        for (int i = 1; i <= grow.length(); i++) {
            double bits = of(grow.substring(0, i)).bits();
            assertTrue(bits >= before, grow.substring(0, i));
            before = bits;
        }
    }

    @Test
    void aVeryLongPastedPasswordIsJudgedQuickly() {
        char[] huge = new char[100_000];
        for (int i = 0; i < huge.length; i++) {
            huge[i] = (char) ('a' + (i * 7919) % 26);
        }
        assertEquals(Level.STRONG, PasswordStrength.of(huge).level());
    }
}
