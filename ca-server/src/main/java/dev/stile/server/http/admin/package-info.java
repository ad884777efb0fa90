/**
 * The admin API ({@code /admin}: admins, provisioners, policies, EAB keys, certificate and order
 * inventory), step-ca linkedca compatible, and who may call it. May import Javalin, Jackson, jose4j,
 * server.http, server.ops (audit) and the admin module's ports; no JDBC and no db class.
 */
package dev.stile.server.http.admin;
