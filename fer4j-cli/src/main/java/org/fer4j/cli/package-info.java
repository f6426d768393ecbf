/**
 * The {@code fer4j} command ({@link org.fer4j.cli.Fer4j}): parses options, calls the library, prints
 * tables and exits with a code that says what went wrong. Domain logic lives in {@code fer4j-core}.
 */
package org.fer4j.cli;
