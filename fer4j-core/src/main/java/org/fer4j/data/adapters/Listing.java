package org.fer4j.data.adapters;

import java.io.IOException;
import java.util.List;
import org.fer4j.data.Dataset;
import org.fer4j.data.Skipped;

/**
 * What an adapter found: the dataset (whose {@link Dataset#skipped()} are entries that could not be used
 * because something is wrong with them), the entries the protocol itself leaves out (unlabelled CK+
 * sequences, AffectNet's "uncertain" codes), and notes on the choices made (which tree, how many classes).
 */
public record Listing(Dataset dataset, List<Skipped> excluded, List<String> notes) {
    public Listing {
        excluded = List.copyOf(excluded);
        notes = List.copyOf(notes);
    }

    /**
     * The dataset, if anything usable was found.
     *
     * @throws IOException when no sample remains, naming the first problem
     */
    public Dataset requireUsable() throws IOException {
        if (!dataset.samples().isEmpty()) {
            return dataset;
        }
        List<Skipped> why = dataset.skipped().isEmpty() ? excluded : dataset.skipped();
        throw new IOException("dataset " + dataset.name() + ": no usable samples"
                + (why.isEmpty() ? " (nothing found; check --root and the layout)"
                : "; " + why.size() + " entries left out, first: " + why.get(0)));
    }
}
