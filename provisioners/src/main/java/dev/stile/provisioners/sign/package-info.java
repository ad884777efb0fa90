/**
 * Provisioner authorisation of a sign request: which names a token allows in the CSR the
 * authority has already parsed and verified. Uses authority's CSR value; never parses a CSR
 * itself.
 */
package dev.stile.provisioners.sign;
