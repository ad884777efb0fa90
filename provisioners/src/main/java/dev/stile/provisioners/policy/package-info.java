/**
 * x509 name policies (allow/deny DNS, IP, email, URI, common name) as step-ca applies them per
 * provisioner. Pure rules over names; no I/O.
 */
package dev.stile.provisioners.policy;
