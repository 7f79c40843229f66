/** Immutable layer descriptions that infer their output shapes; the backend compiles them to graph operations. */
package org.gan4j.layer;
