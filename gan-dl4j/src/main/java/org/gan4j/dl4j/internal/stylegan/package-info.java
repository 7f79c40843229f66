/**
 * StyleGAN2's networks and training graphs in SameDiff: mapping, modulated synthesis layers, the residual
 * discriminator with minibatch standard deviation, and the hand-written input gradients that R1 and path length
 * regularization differentiate again. Not public API: it may change in any release.
 */
package org.gan4j.dl4j.internal.stylegan;
