package dev.stile.admin.retention;

import java.util.List;
import java.util.Map;

/** Deletes finished state (expired orders, nonces, tokens, certificates...) as the policy says. */
public interface Retention {

    RetentionPolicy policy();

    /** The kinds of rows this store can delete, in the order a run deletes them. */
    List<? extends RetainedRows> rules();

    /**
     * Deletes every kind of row until nothing is left to delete (or the thread is interrupted).
     *
     * @return rows deleted per kind, in rule order
     */
    Map<String, Long> runOnce();
}
