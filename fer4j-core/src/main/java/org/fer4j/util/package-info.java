/** Small file and number helpers the library shares: atomic writes (a crash never leaves half a file) and float16 packing. */
package org.fer4j.util;
