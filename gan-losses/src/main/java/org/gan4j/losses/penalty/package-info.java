/** Penalties (gradient penalty, R1) and constraints (weight clipping) that compose with any loss. */
package org.gan4j.losses.penalty;
