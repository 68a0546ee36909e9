package org.peerchain.ui.firstrun;

import java.nio.CharBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * An honest estimate of how hard a password is to guess, for the hint under the password field: the bits of a
 * brute-force search over its character classes, counting a character that repeats the previous one, continues a
 * sequence (abc, 321) or repeats an earlier stretch as little, and nearly nothing for one of the most used
 * passwords. It is a hint, not a proof: a password of a person's own life can be weaker than it looks.
 *
 * <p>Works on the {@code char[]} the password field gives; it makes no {@code String} of the password.
 */
public record PasswordStrength(Level level, double bits, boolean longEnough, String reason) {
    /** The service refuses shorter passwords (WalletCreation.MIN_PASSWORD_LENGTH). */
    public static final int MIN_LENGTH = 8;
    /** Below this many bits a password is weak; below {@link #STRONG_BITS}, fair. */
    static final double FAIR_BITS = 45;
    static final double STRONG_BITS = 70;
    /** A character that repeats the previous one, continues a sequence or repeats an earlier stretch counts this much. */
    static final double PATTERN_CHARACTER_WEIGHT = 0.25;
    /** What one of the most used passwords is worth: the first guesses of any attacker. */
    static final double COMMON_PASSWORD_BITS = 8;
    /** A common password inside a longer one counts as this many characters. */
    static final double COMMON_PART_CHARACTERS = 1.5;
    /** Only a stretch this long repeated counts as a repeated pattern (so "ee" is not one). */
    static final int MIN_REPEATED_STRETCH = 3;
    /** Repeated stretches are looked for in this many first characters (the search is cubic in the length). */
    static final int MAX_ANALYSED = 128;

    private static final int LOWER = 26;
    private static final int UPPER = 26;
    private static final int DIGITS = 10;
    private static final int SYMBOLS = 33;
    /** Letters beyond ASCII: a guess at how many an attacker must try. */
    private static final int OTHER = 100;

    /** The most used passwords (lists of leaked passwords agree on their top), and the names of this program. */
    static final List<String> COMMON = List.of("password", "password1", "passw0rd", "p@ssw0rd", "123456", "1234567",
            "12345678", "123456789", "1234567890", "987654321", "111111", "000000", "qwerty", "qwertyuiop", "qwerty123",
            "asdfghjkl", "1q2w3e4r", "zaq12wsx", "qazwsx", "abc123", "letmein", "iloveyou", "admin", "welcome",
            "monkey", "dragon", "football", "baseball", "sunshine", "princess", "trustno1", "master", "shadow",
            "superman", "starwars", "whatever", "secret", "changeme", "freedom", "computer", "hello", "bitcoin",
            "peerchain", "wallet");

    public enum Level {
        WEAK("weak"), FAIR("fair"), STRONG("strong");

        private final String word;

        Level(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    /** 0 to 1, for a bar. */
    public double fraction() {
        return Math.min(1, bits / STRONG_BITS);
    }

    /** "Strong: long and varied". */
    public String description() {
        String w = level.word();
        return Character.toUpperCase(w.charAt(0)) + w.substring(1) + ": " + reason;
    }

    public static PasswordStrength of(char[] password) {
        int n = password.length;
        if (n == 0) {
            return new PasswordStrength(Level.WEAK, 0, false, "no password yet");
        }
        char[] lower = new char[n];
        for (int i = 0; i < n; i++) {
            lower[i] = Character.toLowerCase(password[i]);
        }
        int pool = pool(password);
        double perCharacter = Math.log(pool) / Math.log(2);
        boolean longEnough = n >= MIN_LENGTH;
        String common = commonPart(lower);
        if (common != null && common.length() >= n - 1) {
            Arrays.fill(lower, '\0');
            return new PasswordStrength(Level.WEAK, Math.min(COMMON_PASSWORD_BITS, n * perCharacter), longEnough,
                    "it is one of the most used passwords, tried first by anyone guessing");
        }
        boolean[] repeats = repeatedStretches(lower);
        int patterned = 0;
        boolean sequence = false;
        boolean repeated = false;
        for (int i = 1; i < n; i++) {
            int step = lower[i] - lower[i - 1];
            if (repeats[i]) {
                patterned++;
                repeated = true;
            } else if (step == 0 || Math.abs(step) == 1 && Character.isLetterOrDigit(lower[i])) {
                patterned++;
                sequence |= step != 0;
                repeated |= step == 0;
            }
        }
        double characters = n - patterned + patterned * PATTERN_CHARACTER_WEIGHT;
        if (common != null) {
            characters -= common.length() - COMMON_PART_CHARACTERS;
        }
        Arrays.fill(lower, '\0');
        double bits = Math.max(0, characters) * perCharacter;
        Level level = bits < FAIR_BITS ? Level.WEAK : bits < STRONG_BITS ? Level.FAIR : Level.STRONG;
        String reason;
        if (!longEnough) {
            reason = "too short: " + n + " of at least " + MIN_LENGTH + " characters";
        } else if (common != null && level != Level.STRONG) {
            reason = "it is built on one of the most used passwords";
        } else if (repeated && level != Level.STRONG && patterned * 2 >= n) {
            reason = "it repeats itself";
        } else if (sequence && level != Level.STRONG && patterned * 2 >= n) {
            reason = "it is mostly a sequence like abc or 123";
        } else if (level == Level.STRONG) {
            reason = "long and varied";
        } else if (pool <= LOWER || pool == DIGITS) {
            reason = "one kind of character: make it longer, or mix in capitals, digits and symbols";
        } else {
            reason = "make it longer: several unrelated words are easy to remember and hard to guess";
        }
        return new PasswordStrength(level, bits, longEnough, reason);
    }

    private static int pool(char[] password) {
        boolean lower = false;
        boolean upper = false;
        boolean digit = false;
        boolean symbol = false;
        boolean other = false;
        for (char c : password) {
            if (c >= 'a' && c <= 'z') {
                lower = true;
            } else if (c >= 'A' && c <= 'Z') {
                upper = true;
            } else if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c < 128) {
                symbol = true;
            } else {
                other = true;
            }
        }
        return (lower ? LOWER : 0) + (upper ? UPPER : 0) + (digit ? DIGITS : 0) + (symbol ? SYMBOLS : 0)
                + (other ? OTHER : 0);
    }

    /** The longest of the common passwords inside {@code lower}, or null. */
    private static String commonPart(char[] lower) {
        String longest = null;
        for (String c : COMMON) {
            if ((longest == null || c.length() > longest.length()) && contains(lower, c)) {
                longest = c;
            }
        }
        return longest;
    }

    private static boolean contains(char[] text, String part) {
        CharBuffer whole = CharBuffer.wrap(text);
        for (int i = 0; i + part.length() <= text.length; i++) {
            if (part.contentEquals(whole.subSequence(i, i + part.length()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Marks each character inside a stretch of at least {@link #MIN_REPEATED_STRETCH} that already appeared earlier
     * ("xq7" in "xq7xq7"). Only the first {@link #MAX_ANALYSED} characters are compared: a longer password is strong.
     */
    private static boolean[] repeatedStretches(char[] s) {
        int n = Math.min(s.length, MAX_ANALYSED);
        boolean[] marked = new boolean[s.length];
        for (int later = 1; later < n; later++) {
            for (int earlier = 0; earlier < later; earlier++) {
                int len = 0;
                while (later + len < n && len < later - earlier && s[earlier + len] == s[later + len]) {
                    len++;
                }
                if (len >= MIN_REPEATED_STRETCH) {
                    Arrays.fill(marked, later, later + len, true);
                }
            }
        }
        return marked;
    }
}
