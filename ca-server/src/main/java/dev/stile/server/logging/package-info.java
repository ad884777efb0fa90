/**
 * Logback set-up from ca.json's logger block: text or JSON lines. Imports Logback, Jackson and SLF4J only.
 */
package dev.stile.server.logging;
