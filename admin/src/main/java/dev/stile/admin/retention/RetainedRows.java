package dev.stile.admin.retention;

import java.time.Duration;

/** One kind of row retention deletes, as operators see it in logs and on the dashboard. */
public interface RetainedRows {

    /** e.g. {@code orders}, {@code certificates} */
    String name();

    /** How long after it stopped being useful a row is kept. */
    Duration keep();
}
