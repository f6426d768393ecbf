package org.fer4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.fer4j.data.Dataset;

/** Bridge from the CLI to the dataset adapters. */
final class DatasetAdapters {
    private DatasetAdapters() {
    }

    static Dataset list(String name, Path root, boolean strict) throws IOException {
        throw new IllegalArgumentException("unknown dataset '" + name + "'; this build reads --dataset synth");
    }
}
