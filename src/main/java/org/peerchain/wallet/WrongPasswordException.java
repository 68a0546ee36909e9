package org.peerchain.wallet;

/** The password does not open the keystore; the file itself is intact (its header checksum matches). */
public final class WrongPasswordException extends KeystoreException {
    private static final long serialVersionUID = 1L;
    public static final String MESSAGE = "the password is wrong";

    public WrongPasswordException() {
        super(Reason.WRONG_PASSWORD, MESSAGE);
    }
}
