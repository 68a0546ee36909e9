package org.peerchain.p2p;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The network's timer thread. A scheduled task that throws is silently never run again by a plain scheduled executor:
 * the ping time-outs and stall detection would stop with nothing said. Here a task's death is logged, and an internal
 * error (out of memory) goes to the process's uncaught-error policy, which stops the node rather than leave it
 * half-alive.
 */
final class TimerExecutor extends ScheduledThreadPoolExecutor {
    private static final Logger log = LoggerFactory.getLogger(TimerExecutor.class);

    TimerExecutor(String name) {
        super(1, new NamedThreadFactory(name));
    }

    @Override
    protected void afterExecute(Runnable r, Throwable t) {
        super.afterExecute(r, t);
        Throwable failure = t;
        if (failure == null && r instanceof Future<?> f && f.isDone()) {
            try {
                f.get();
            } catch (CancellationException | InterruptedException e) {
                return;
            } catch (ExecutionException e) {
                failure = e.getCause();
            }
        }
        if (failure instanceof VirtualMachineError) {
            Thread me = Thread.currentThread();
            me.getUncaughtExceptionHandler().uncaughtException(me, failure);
        } else if (failure != null) {
            log.error("a P2P timer task failed and will not run again", failure);
        }
    }
}
