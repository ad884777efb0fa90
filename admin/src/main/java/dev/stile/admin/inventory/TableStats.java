package dev.stile.admin.inventory;

import java.util.Map;

/** How big the store's tables are, for the dashboard. */
public interface TableStats {

    /**
     * @return table name to row count (an estimate on PostgreSQL, -1 when never analysed), for
     *         every base table in the schema, sorted by name
     */
    Map<String, Long> rowCounts();
}
