/** Ready-made training listeners and image output built on the public listener API. */
package org.gan4j.dl4j.listeners;
