/** Not public API: one compiler per layer type (forward, fused forward, input gradient for penalties). */
package org.gan4j.dl4j.internal.graph.layers;
