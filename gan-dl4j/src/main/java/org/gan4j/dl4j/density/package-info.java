/** Densities fitted to latent codes: the Gaussian mixture a VAE samples from after training (ex-post density). */
package org.gan4j.dl4j.density;
