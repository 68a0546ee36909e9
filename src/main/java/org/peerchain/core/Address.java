package org.peerchain.core;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * A receive address: a network prefix byte and a {@link KeyHash}, with a 4-byte double-SHA-256 checksum,
 * written in Base58 (no 0, O, I or l, so a misread character is rare and a mistyped one is caught by the
 * checksum).
 */
public record Address(int prefix, KeyHash keyHash) {
    private static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final int PAYLOAD = 1 + KeyHash.LENGTH;
    private static final int CHECKSUM = 4;
    private static final BigInteger FIFTY_EIGHT = BigInteger.valueOf(58);

    public Address {
        if (prefix < 0 || prefix > 255) {
            throw new IllegalArgumentException("address prefix " + prefix + " is not a byte");
        }
    }

    public static Address ofPublicKey(int prefix, byte[] publicKey) {
        return new Address(prefix, KeyHash.of(publicKey));
    }

    /**
     * Parses an address of the network whose prefix is {@code expectedPrefix}.
     *
     * @throws IllegalArgumentException naming what is wrong: a character outside Base58, a wrong length,
     *     a checksum that does not match (a typo), or an address of another network
     */
    public static Address parse(String text, int expectedPrefix) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the address is empty");
        }
        String s = text.strip();
        BigInteger n = BigInteger.ZERO;
        for (int i = 0; i < s.length(); i++) {
            int digit = ALPHABET.indexOf(s.charAt(i));
            if (digit < 0) {
                throw new IllegalArgumentException("the address has a character that is never in an address: '"
                        + s.charAt(i) + "' at position " + (i + 1));
            }
            n = n.multiply(FIFTY_EIGHT).add(BigInteger.valueOf(digit));
        }
        byte[] raw = n.toByteArray();
        int leadingOnes = 0;
        while (leadingOnes < s.length() && s.charAt(leadingOnes) == '1') {
            leadingOnes++;
        }
        int skip = raw.length > 1 && raw[0] == 0 ? 1 : 0;
        byte[] decoded = new byte[leadingOnes + raw.length - skip];
        System.arraycopy(raw, skip, decoded, leadingOnes, raw.length - skip);
        if (n.signum() == 0) {
            decoded = new byte[leadingOnes];
        }
        if (decoded.length != PAYLOAD + CHECKSUM) {
            throw new IllegalArgumentException("the address has the wrong length: a character is missing or extra");
        }
        byte[] payload = Arrays.copyOf(decoded, PAYLOAD);
        byte[] check = Arrays.copyOfRange(Hash.sha256d(payload).toBytes(), 0, CHECKSUM);
        if (!Arrays.equals(check, Arrays.copyOfRange(decoded, PAYLOAD, PAYLOAD + CHECKSUM))) {
            throw new IllegalArgumentException("the address checksum does not match: it has a typo");
        }
        int prefix = payload[0] & 0xFF;
        if (prefix != expectedPrefix) {
            throw new IllegalArgumentException("the address is for another network");
        }
        return new Address(prefix, KeyHash.wrap(Arrays.copyOfRange(payload, 1, PAYLOAD)));
    }

    public String encode() {
        byte[] payload = new byte[PAYLOAD + CHECKSUM];
        payload[0] = (byte) prefix;
        System.arraycopy(keyHash.toBytes(), 0, payload, 1, KeyHash.LENGTH);
        byte[] check = Hash.sha256d(Arrays.copyOf(payload, PAYLOAD)).toBytes();
        System.arraycopy(check, 0, payload, PAYLOAD, CHECKSUM);
        StringBuilder sb = new StringBuilder();
        BigInteger n = new BigInteger(1, payload);
        while (n.signum() > 0) {
            BigInteger[] qr = n.divideAndRemainder(FIFTY_EIGHT);
            sb.append(ALPHABET.charAt(qr[1].intValue()));
            n = qr[0];
        }
        for (int i = 0; i < payload.length && payload[i] == 0; i++) {
            sb.append('1');
        }
        return sb.reverse().toString();
    }

    @Override
    public String toString() {
        return encode();
    }
}
