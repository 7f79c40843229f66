/** Not public API: optimizer updates of a network's parameters, learning-rate schedules and weight averages. */
package org.gan4j.dl4j.internal.optim;
