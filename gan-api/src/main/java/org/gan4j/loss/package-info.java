/** The loss contract: discriminator and generator objectives over logits, penalties, constraints, recipes. */
package org.gan4j.loss;
