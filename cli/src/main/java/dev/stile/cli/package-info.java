/**
 * The client side of Stile's command line: {@code stile ca} and {@code stile admin} under one
 * {@code stile} root, run by the server jar's {@code Main} only when asked for, so the server never
 * loads them. May import {@code dev.stile.core}, {@code dev.stile.authority},
 * {@code dev.stile.provisioners}, picocli, Jackson, jose4j and BouncyCastle; never the server
 * ({@code dev.stile.server}, {@code dev.stile.db}, Javalin, JDBC).
 */
package dev.stile.cli;
