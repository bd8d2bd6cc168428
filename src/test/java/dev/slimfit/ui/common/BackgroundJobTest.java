package dev.slimfit.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

import org.junit.jupiter.api.Test;

class BackgroundJobTest {
    private final BackgroundJob job = new BackgroundJob(new DirectTaskExecutor(), Runnable::run);

    @Test
    void deliversTheResultAndEndsRunning() {
        List<Integer> got = new ArrayList<>();
        job.start("t", p -> 42, got::add, e -> { });
        assertEquals(List.of(42), got);
        assertFalse(job.runningProperty().get());
    }

    @Test
    void forwardsProgressWhileRunning() {
        List<Double> seen = new ArrayList<>();
        job.progressProperty().addListener((o, a, b) -> seen.add(b.doubleValue()));
        job.start("t", p -> {
            p.update(0.5, "half");
            assertTrue(job.runningProperty().get());
            assertEquals("half", job.messageProperty().get());
            return 1;
        }, r -> { }, e -> { });
        assertTrue(seen.contains(0.5));
    }

    @Test
    void reportsFailuresButNotCancellation() {
        Throwable[] failure = {null};
        job.start("t", p -> {
            throw new CancellationException("stop");
        }, r -> { }, e -> failure[0] = e);
        assertNull(failure[0]);
        job.start("t", p -> {
            throw new IllegalStateException("boom");
        }, r -> { }, e -> failure[0] = e);
        assertEquals("boom", failure[0].getMessage());
    }
}
