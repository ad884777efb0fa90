package dev.stile.admin.inventory;

import dev.stile.core.Page;
import dev.stile.core.PageRequest;

/** ACME orders as the admin API lists them. */
public interface OrderInventory {

    /** Newest first; each filter is optional ({@code null} = no filter). */
    Page<OrderSummary> list(String status, String provisioner, String accountId, PageRequest page);
}
