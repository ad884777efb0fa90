/**
 * The HTTP edge shared by every area: the Jetty/Javalin server, {@code RouteModule}, request ids,
 * body limits, JSON and step-style error answers, the core routes (roots, health, version). May
 * import Javalin, Jetty, Jackson, server.config and domain types; sub-packages hold one area each.
 */
package dev.stile.server.http;
