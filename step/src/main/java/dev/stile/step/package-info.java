/**
 * The step-ca role as use cases: sign, renew, rekey ({@link dev.stile.step.StepAuthority}), revoke
 * ({@link dev.stile.step.StepRevoker}), provisioner keys ({@link dev.stile.step.ProvisionerKeys}),
 * the CRL ({@link dev.stile.step.CrlService}) and the used-token purge, taking and returning plain
 * records and failing only with a {@link dev.stile.step.StepException} of a
 * {@link dev.stile.step.StepErrorKind}. May import {@code dev.stile.authority..},
 * {@code dev.stile.provisioners..}, {@code dev.stile.core}, Bouncy Castle and SLF4J; never HTTP,
 * JDBC, configuration files or {@code dev.stile.server}.
 */
package dev.stile.step;
