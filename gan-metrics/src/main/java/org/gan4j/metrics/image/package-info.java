/** Image preprocessing for feature extractors: resizing and channel handling, matching the Python references. */
package org.gan4j.metrics.image;
