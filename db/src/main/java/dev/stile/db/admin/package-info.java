/**
 * JDBC adapters of the admin ports ({@code dev.stile.admin}): admins, admin sessions and links, EAB
 * keys as operators manage them. May import the admin module, core and JDBC; nothing of the server.
 */
package dev.stile.db.admin;
