/**
 * Wiring of the step-ca role: {@code StepApi} builds provisioners, token verification, revocation,
 * the CRL and step's routes on the database and the authority. May import the domain modules, db,
 * server.config and server.http.step.
 */
package dev.stile.server.step;
