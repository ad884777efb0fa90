/**
 * The composition root: {@code App} builds every object of a running server in one place (with
 * {@code OpsWiring} for the operations side and one {@code Chores} scheduler for all periodic
 * chores), {@code Main} starts the CLI. May import every module and every server package; only
 * the CLI ({@code server.cli}) imports it.
 */
package dev.stile.server;
