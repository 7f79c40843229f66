/** Not public API: gan4j's fused ops (batch norm, rectifiers, single-channel convolutions), run only from compiled plans. */
package org.gan4j.dl4j.internal.ops;
