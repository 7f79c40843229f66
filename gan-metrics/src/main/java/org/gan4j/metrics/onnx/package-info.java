/**
 * Feature extractors that run a user-supplied ONNX model (InceptionV3 for FID and the Inception Score) through
 * ND4J's onnxruntime binding.
 */
package org.gan4j.metrics.onnx;
