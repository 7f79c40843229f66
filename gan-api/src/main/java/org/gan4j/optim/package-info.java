/** Optimizer specifications (Adam, RMSProp, SGD), one per network. */
package org.gan4j.optim;
