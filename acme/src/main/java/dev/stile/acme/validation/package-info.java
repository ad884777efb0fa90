/**
 * ACME challenge validation, the rules side: what a validator is ({@link dev.stile.acme.validation.ChallengeValidator}),
 * what it reports ({@link dev.stile.acme.validation.ValidationOutcome}, {@link dev.stile.acme.validation.ValidationRecord})
 * and the {@code validation} block of ca.json parsed once ({@link dev.stile.acme.validation.ValidationSettings}).
 * May import the acme model and problems, jackson and the JDK; no network library, no sockets: the
 * I/O lives in the net module behind the ports of the sub-packages.
 */
package dev.stile.acme.validation;
