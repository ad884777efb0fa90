/**
 * Ports from the ACME server to the rest of the CA: issuing ({@link dev.stile.acme.port.CertificateIssuer}),
 * revoking ({@link dev.stile.acme.port.RevocationPort}), CAA checks ({@link dev.stile.acme.port.CaaChecker})
 * and telling what happened ({@link dev.stile.acme.port.AcmeEvents}: metrics, audit, CRL regeneration).
 * Implemented in ca-server and the validation package; wired in the composition root.
 */
package dev.stile.acme.port;
