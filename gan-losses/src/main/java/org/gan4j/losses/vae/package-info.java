/**
 * The terms of a variational autoencoder's objective: reconstruction likelihoods p(x|z) and the KL divergence of a
 * diagonal Gaussian posterior from the standard normal prior, each a pure graph builder.
 */
package org.gan4j.losses.vae;
