/**
 * Loads the optional native crypto provider jar for this platform at start-up. Imports the JDK,
 * SLF4J and authority.crypto only.
 */
package dev.stile.server.crypto;
