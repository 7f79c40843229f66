/**
 * Differentiable data augmentation for discriminators trained on little data: the DiffAugment policy and the adaptive
 * (ADA) control of its probability.
 */
package org.gan4j.augment;
