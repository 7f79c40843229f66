/** Not public API: runs training phases, from compiled execution plans or through SameDiff's session, and keeps off-heap memory in check. */
package org.gan4j.dl4j.internal.exec;
