/**
 * The browser console: its page and assets, password and link sign-in, the dashboard. May import
 * Javalin, server.http, http.admin and the admin module's ports; no JDBC and no db class.
 */
package dev.stile.server.http.admin.console;
