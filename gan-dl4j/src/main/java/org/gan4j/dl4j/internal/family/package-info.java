/** Not public API: the parts of a training step specific to one model family (CycleGAN's step, the GAN's collapse monitor). */
package org.gan4j.dl4j.internal.family;
