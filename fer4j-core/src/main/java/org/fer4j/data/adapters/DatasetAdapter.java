package org.fer4j.data.adapters;

import java.io.IOException;
import java.nio.file.Path;
import org.fer4j.data.LabelMap;

/**
 * Turns one dataset's on-disk layout, as its owners ship it, into {@link org.fer4j.data.Sample}s: path,
 * canonical label, subject, sequence, split, neutral reference and face box where the protocol has them.
 * An adapter only lists; decoding, cropping and caching are shared underneath.
 */
public interface DatasetAdapter {

    /** The name {@code --dataset} selects it by (lower case). */
    String name();

    /** One line: what the dataset is and which protocol the listing follows. */
    String description();

    /** The table from the dataset's label codes (or folder names) to canonical emotions. */
    LabelMap labelMap();

    /** The layout the adapter expects under {@code --root}, for help texts and error messages. */
    String layout();

    /**
     * Lists the dataset under {@code root}. Entries that cannot be used are reported in the listing with
     * the reason (or, when {@code strict}, the first one fails the call).
     *
     * @throws IOException when {@code root} does not hold this layout (the message names the path and
     *                     what was expected), or on the first problem when strict
     */
    Listing list(Path root, boolean strict) throws IOException;
}
