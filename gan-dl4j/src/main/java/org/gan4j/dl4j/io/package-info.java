/** File output shared by the backend, its listeners and the samples: atomic writes and saved-model archives. */
package org.gan4j.dl4j.io;
