/**
 * Egress policy: which addresses a validator may connect to ({@code allowNetworks}/{@code denyNetworks},
 * special-purpose ranges), judged before any packet is sent. Pure rules; may import the JDK
 * ({@code InetAddress} as a value) and jackson for reading the keys.
 */
package dev.stile.acme.validation.egress;
