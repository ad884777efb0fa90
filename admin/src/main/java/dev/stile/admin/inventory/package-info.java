/**
 * What the admin API and console ask about the CA's state: certificate and order inventory, the
 * renewal watch, validation failures, dashboard counts, table sizes. Ports and plain records; imports
 * only core and authority; db implements them.
 */
package dev.stile.admin.inventory;
