package org.peerchain.node;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the process does when one of its threads dies of an internal error the JVM raises (out of memory, a stack
 * overflow, an internal JVM fault): it says so and stops, as Bitcoin Core terminates on {@code bad_alloc}. Running on
 * with some threads dead (an RPC server that never answers again, a peer timer that no longer times out) would be
 * worse than stopping: a supervisor or the user restarts a stopped node, nobody notices a half-alive one. Other
 * uncaught failures keep the handler that was there before (their thread ends and is logged).
 */
public final class FatalErrors implements Thread.UncaughtExceptionHandler {
    /** The exit status of a node stopped by an internal error (sysexits' EX_SOFTWARE). */
    public static final int EXIT_STATUS = 70;
    private static final Logger log = LoggerFactory.getLogger(FatalErrors.class);

    private final Thread.UncaughtExceptionHandler previous;

    private FatalErrors(Thread.UncaughtExceptionHandler previous) {
        this.previous = previous;
    }

    /** Installs the policy for every thread of the process (once; later calls change nothing). */
    public static synchronized void install() {
        Thread.UncaughtExceptionHandler current = Thread.getDefaultUncaughtExceptionHandler();
        if (!(current instanceof FatalErrors)) {
            Thread.setDefaultUncaughtExceptionHandler(new FatalErrors(current));
        }
    }

    @Override
    public void uncaughtException(Thread t, Throwable e) {
        if (e instanceof VirtualMachineError) {
            String message = "internal error in thread " + t.getName() + ": " + e
                    + "; the node cannot go on safely and stops (exit status " + EXIT_STATUS + ")";
            try {
                System.err.println(message);
                log.error(message, e);
            } finally {
                Runtime.getRuntime().halt(EXIT_STATUS);
            }
        } else if (previous != null) {
            previous.uncaughtException(t, e);
        } else {
            System.err.print("Exception in thread \"" + t.getName() + "\" ");
            e.printStackTrace();
        }
    }

    /** Hands {@code e} to the process's policy from code that would otherwise swallow it (a scheduled task). */
    public static void report(Throwable e) {
        Thread t = Thread.currentThread();
        t.getUncaughtExceptionHandler().uncaughtException(t, e);
    }
}
