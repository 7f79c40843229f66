/** Not public API: batches of real data, latent and label draws, image pools and the named random streams of a run. */
package org.gan4j.dl4j.internal.data;
