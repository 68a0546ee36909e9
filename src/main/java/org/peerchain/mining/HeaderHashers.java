package org.peerchain.mining;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Picks the fastest header hasher that works in this JVM, and logs once which one runs and why. */
public final class HeaderHashers {
    private static final Logger LOG = LoggerFactory.getLogger(HeaderHashers.class);
    private static volatile boolean logged;

    private HeaderHashers() {
    }

    /**
     * A new hasher on the fastest working path: the JDK's intrinsic compression when
     * {@code sun.security.provider} is opened to us, otherwise a cloned {@code MessageDigest}.
     */
    public static HeaderHasher fastest() {
        String reason = IntrinsicSha256dHasher.unavailableReason();
        if (!logged) {
            logged = true;
            if (reason == null) {
                LOG.info("mining hashes with the JDK's intrinsic SHA-256 compression and a saved midstate");
            } else {
                LOG.warn("mining hashes with cloned MessageDigests (slower): the intrinsic path is unavailable: {}", reason);
            }
        }
        return reason == null ? new IntrinsicSha256dHasher() : new ClonedDigestHasher();
    }

    /** The name of the path {@link #fastest()} takes here. */
    public static String fastestPath() {
        return IntrinsicSha256dHasher.unavailableReason() == null ? "jdk-intrinsic" : "cloned-digest";
    }

    /** The intrinsic path, when this JVM allows it. */
    public static Optional<HeaderHasher> intrinsic() {
        return IntrinsicSha256dHasher.unavailableReason() == null
                ? Optional.of(new IntrinsicSha256dHasher()) : Optional.empty();
    }

    /** Why the intrinsic path cannot run here, if it cannot. */
    public static Optional<String> intrinsicUnavailableReason() {
        return Optional.ofNullable(IntrinsicSha256dHasher.unavailableReason());
    }

    public static HeaderHasher clonedDigest() {
        return new ClonedDigestHasher();
    }

    public static HeaderHasher pureJava() {
        return new PureJavaSha256dHasher();
    }
}
