/**
 * A provisioner's claims (min/max/default certificate durations, renewal switches) and the
 * requested notBefore/notAfter they judge. Pure rules; imports core only.
 */
package dev.stile.provisioners.claims;
