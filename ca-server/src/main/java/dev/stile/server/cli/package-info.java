/**
 * The server-side commands ({@code stile serve}, {@code init}, {@code db}, {@code doctor}) with
 * picocli; they start {@code App} or use its pieces. May import every server package and module.
 */
package dev.stile.server.cli;
