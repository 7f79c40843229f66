/** The loss contract: discriminator and generator objectives over discriminator logits. */
package org.gan4j.loss;
