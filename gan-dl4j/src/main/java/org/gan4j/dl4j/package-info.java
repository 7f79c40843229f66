/**
 * The SameDiff backend's public API: the trainers ({@link org.gan4j.dl4j.GanTrainer},
 * {@link org.gan4j.dl4j.CycleGanTrainer}) on one run core, their shared settings and builders, trained models that
 * sample, translate, save and load, and checkpoints.
 */
package org.gan4j.dl4j;
