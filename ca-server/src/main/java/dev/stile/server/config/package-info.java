/**
 * ca.json (step-ca's format plus Stile's own top-level blocks) read into typed records, with
 * one-line errors naming file and key. Imports Jackson, core and the JDK only.
 */
package dev.stile.server.config;
