package org.fer4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.fer4j.data.Dataset;
import org.fer4j.data.adapters.Adapters;
import org.fer4j.data.adapters.Listing;

/** Bridge from the CLI to the dataset adapters ({@link Adapters}). */
final class DatasetAdapters {
    private DatasetAdapters() {
    }

    /** The full listing (samples, problems, exclusions, notes), usable or not. */
    static Listing listing(String name, Path root, boolean strict) throws IOException {
        if (root == null) {
            throw new IllegalArgumentException("--dataset " + name + " needs --root pointing at the dataset's folder ("
                    + Adapters.get(name).layout() + ")");
        }
        return Adapters.get(name).list(root, strict);
    }

    /**
     * The dataset, when anything usable was found.
     *
     * @throws IOException when nothing usable remains, naming the first problem
     */
    static Dataset list(String name, Path root, boolean strict) throws IOException {
        return listing(name, root, strict).requireUsable();
    }
}
