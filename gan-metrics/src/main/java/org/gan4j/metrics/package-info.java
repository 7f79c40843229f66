/** Evaluation metrics over samples and features, kept apart from the networks that produce them. */
package org.gan4j.metrics;
