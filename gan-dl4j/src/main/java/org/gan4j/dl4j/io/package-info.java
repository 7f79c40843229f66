/** File output shared by the backend, its listeners and the samples: atomic writes. */
package org.gan4j.dl4j.io;
