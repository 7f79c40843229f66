/** Ready-made network specifications from the literature. */
package org.gan4j.zoo;
