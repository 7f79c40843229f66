/** The loss contracts: discriminator and generator objectives over logits, penalties, constraints, recipes, and the
 * reconstruction likelihood of a variational autoencoder. */
package org.gan4j.loss;
