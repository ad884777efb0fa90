/**
 * The shared kernel: the few value types every role uses (Page and PageRequest for
 * keyset-paginated lists, GoDuration for step-ca's duration strings). It imports nothing of Stile
 * and no library, so any module may import it.
 */
package dev.stile.core;
