/**
 * Admin sessions over HTTP: CLI sessions, one-time console links, console sessions with CSRF
 * tokens. May import Javalin, server.http, server.ops (audit) and the admin module's ports.
 */
package dev.stile.server.http.admin.session;
