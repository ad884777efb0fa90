/**
 * The HTTP edge shared by every area: the Jetty/Javalin server, {@code RouteModule}, request ids,
 * body limits, JSON and step-style error answers, the core routes (roots, health, version). May
 * import Javalin, Jetty, Jackson, server.config, domain types and java.sql's exception types (a
 * database outage is answered with 503); sub-packages hold one area each.
 */
package dev.stile.server.http;
