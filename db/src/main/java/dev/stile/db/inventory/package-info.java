/**
 * JDBC adapters of the inventory ports ({@code dev.stile.admin.inventory}): certificate and order
 * listings, renewal watch, validation failure log, dashboard queries, table counts. May import the
 * admin and authority modules, core and JDBC; nothing of the server.
 */
package dev.stile.db.inventory;
