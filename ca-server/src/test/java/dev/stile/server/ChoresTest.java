package dev.stile.server;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class ChoresTest {

    @Test
    void choresRunOnDaemonThreadsAndCancellingOneComponentsTaskLeavesTheOthersRunning() throws Exception {
        Chores chores = new Chores();
        try {
            AtomicReference<Thread> thread = new AtomicReference<>();
            CountDownLatch ran = new CountDownLatch(3);
            ScheduledFuture<?> mine = chores.scheduler().scheduleWithFixedDelay(() -> { }, 0, 10, TimeUnit.MILLISECONDS);
            chores.scheduler().scheduleWithFixedDelay(() -> {
                thread.set(Thread.currentThread());
                ran.countDown();
            }, 0, 10, TimeUnit.MILLISECONDS);
            mine.cancel(true); // what a component does on close

            assertThat(ran.await(5, TimeUnit.SECONDS)).as("the other component's chore keeps running").isTrue();
            assertThat(thread.get().isDaemon()).isTrue();
            assertThat(thread.get().getName()).startsWith("stile-chores-");
        } finally {
            chores.close();
        }
    }

    @Test
    void closeInterruptsARunningChoreAndWaitsForItToEnd() throws Exception {
        Chores chores = new Chores();
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        chores.scheduler().execute(() -> {
            started.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                // a retention batch or a probe check ends here; App closes the database only after
                sleepQuietly(200);
                finished.set(true);
            }
        });
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

        chores.close();

        assertThat(finished).as("close returned only after the interrupted chore ended").isTrue();
        assertThat(chores.scheduler().isTerminated()).isTrue();
    }

    private static void sleepQuietly(long millis) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }
}
