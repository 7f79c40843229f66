/** Test support: evaluate any penalty on a given critic and batches, with its gradients, in double precision. */
package org.gan4j.dl4j.check;
