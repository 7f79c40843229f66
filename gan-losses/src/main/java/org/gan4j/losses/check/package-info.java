/** Test support: evaluate any loss on given scores, with its gradients, without a network. */
package org.gan4j.losses.check;
