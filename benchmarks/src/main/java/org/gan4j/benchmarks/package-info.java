/** Speed and memory benchmarks, run as programs beside the PyTorch references (not part of the tests). */
package org.gan4j.benchmarks;
