/** Internals of the SameDiff backend: not public API, may change in any release. */
package org.gan4j.dl4j.internal;
