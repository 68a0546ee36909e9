package org.peerchain.mining;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the calling thread at the operating system's lowest priority for ordinary work, as Bitcoin Core's miner did
 * ({@code SetThreadPriority(THREAD_PRIORITY_LOWEST)}) and CPU miners do: hashing then takes only what the window, block
 * validation and peers leave, and a person using the desktop while it mines sees no stutter. {@link Thread#setPriority}
 * alone is a hint Linux ignores unless the JVM runs with {@code -XX:ThreadPriorityPolicy=1}, and then only down to
 * nice 4; this asks the kernel directly (JNA), per thread:
 * <ul>
 * <li>Linux: {@code setpriority(PRIO_PROCESS, 0, 19)}, which under NPTL sets the calling thread's nice value;</li>
 * <li>macOS: {@code setpriority(PRIO_DARWIN_THREAD, 0, PRIO_DARWIN_BG)}, the calling thread to the background band;</li>
 * <li>Windows: {@code SetThreadPriority(GetCurrentThread(), THREAD_PRIORITY_LOWEST)}.</li>
 * </ul>
 * Where none of these can be called the thread keeps its priority and mining goes on; the reason is logged once.
 */
final class LowPriority {
    /** The nice value mining threads get on Linux: the lowest. */
    static final int LINUX_NICE = 19;
    private static final int PRIO_PROCESS = 0;
    private static final int PRIO_DARWIN_THREAD = 3;
    private static final int PRIO_DARWIN_BG = 0x1000;
    private static final int THREAD_PRIORITY_LOWEST = -2;
    private static final Logger LOG = LoggerFactory.getLogger(LowPriority.class);
    private static volatile boolean warned;

    private LowPriority() {
    }

    /** The C library's call (Linux, macOS). */
    private interface CLib extends Library {
        int setpriority(int which, int who, int prio);
    }

    /** Kernel32's calls (Windows). */
    private interface Kernel32 extends Library {
        Pointer GetCurrentThread();

        boolean SetThreadPriority(Pointer thread, int priority);
    }

    /** The libraries, loaded at first use. */
    private static final class Libraries {
        static final CLib C = Platform.isWindows() ? null : Native.load("c", CLib.class);
        static final Kernel32 KERNEL32 = Platform.isWindows() ? Native.load("kernel32", Kernel32.class) : null;
    }

    /** Lowers the calling thread's priority; whether the operating system took it. Never throws. */
    static boolean lowerCurrentThread() {
        try {
            if (Platform.isLinux()) {
                return check(Libraries.C.setpriority(PRIO_PROCESS, 0, LINUX_NICE) == 0);
            }
            if (Platform.isMac()) {
                return check(Libraries.C.setpriority(PRIO_DARWIN_THREAD, 0, PRIO_DARWIN_BG) == 0);
            }
            if (Platform.isWindows()) {
                Kernel32 k = Libraries.KERNEL32;
                return check(k.SetThreadPriority(k.GetCurrentThread(), THREAD_PRIORITY_LOWEST));
            }
            return check(false);
        } catch (LinkageError | RuntimeException e) {
            if (!warned) {
                warned = true;
                LOG.info("mining threads keep their normal priority: the system call is not available here ({})",
                        e.toString());
            }
            return false;
        }
    }

    private static boolean check(boolean took) {
        if (!took && !warned) {
            warned = true;
            LOG.info("mining threads keep their normal priority: {} refused to lower it", System.getProperty("os.name"));
        }
        return took;
    }
}
