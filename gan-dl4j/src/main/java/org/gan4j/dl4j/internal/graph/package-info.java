/** Not public API: builds SameDiff graphs from network specs (the per-model training and inference graphs, parameter stores, conditioning). */
package org.gan4j.dl4j.internal.graph;
