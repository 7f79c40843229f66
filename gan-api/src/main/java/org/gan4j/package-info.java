/** The stable surface of gan4j: generator and discriminator specifications, shapes, latent spaces, listeners. */
package org.gan4j;
