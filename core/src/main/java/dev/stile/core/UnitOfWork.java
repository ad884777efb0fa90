package dev.stile.core;

import java.util.function.Supplier;

/**
 * Runs a piece of work whose store calls on this thread share one database transaction, committed
 * once when the work ends. A request that records several things (a one-time token's use, the
 * certificate, its names, the renewal watch) then costs one commit instead of one per store call;
 * with an embedded database that writes its file at every commit, commits are most of a request's
 * cost.
 *
 * <p>What is committed is what would have been committed without the unit: the writes made before
 * the work threw are committed too (a token consumed by a request later refused stays consumed),
 * unless a database operation failed, which rolls the whole unit back. Nothing the work returns
 * may leave the process before {@link #run} has returned, because only then is it committed.
 */
public interface UnitOfWork {

    /** Runs the work directly: every store call commits on its own (tests, fakes). */
    UnitOfWork NONE = new UnitOfWork() {
        @Override
        public <T> T run(Supplier<T> work) {
            return work.get();
        }
    };

    /**
     * Runs {@code work}, joining a unit already open on this thread (then the outer unit commits).
     *
     * @throws RuntimeException what the work threw, or the store's error when the commit failed
     */
    <T> T run(Supplier<T> work);
}
