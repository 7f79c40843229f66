/** Metric contracts: feature extractors that turn images into features and class logits. */
package org.gan4j.metric;
