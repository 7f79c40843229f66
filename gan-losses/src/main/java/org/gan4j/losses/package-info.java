/** GAN losses over discriminator logits, each a pure graph builder. */
package org.gan4j.losses;
