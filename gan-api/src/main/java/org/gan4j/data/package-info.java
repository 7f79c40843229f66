/** Training data: the source contract, in-memory and DataSetIterator sources, IDX files and Fashion-MNIST. */
package org.gan4j.data;
