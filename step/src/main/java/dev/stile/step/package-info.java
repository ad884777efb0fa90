/**
 * The step-ca role as use cases: sign, renew, rekey ({@link dev.stile.step.StepAuthority}), revoke
 * ({@link dev.stile.step.StepRevoker}, and {@link dev.stile.step.CaRevocations} for a certificate
 * presented whole), provisioner keys ({@link dev.stile.step.ProvisionerKeys}), the CRL
 * ({@link dev.stile.step.CrlService}), the CA's certificates ({@link dev.stile.step.CaCertificates})
 * and the used-token purge. They take and return plain records and fail only with a
 * {@link dev.stile.step.StepException} of a {@link dev.stile.step.StepErrorKind}. May import
 * {@code dev.stile.authority..}, {@code dev.stile.provisioners..}, {@code dev.stile.core}, Bouncy
 * Castle and SLF4J; never HTTP, JDBC, configuration files, {@code dev.stile.acme} or
 * {@code dev.stile.server}.
 */
package dev.stile.step;
