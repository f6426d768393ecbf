package org.fer4j.cli;

import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.fer4j.vision.align.LandmarkCropper;
import org.fer4j.vision.detect.FaceCropper;
import org.fer4j.vision.store.ModelStore;
import picocli.CommandLine.Option;

/**
 * {@code --crop box|landmarks|aligned}: how a detected face is cut out for the model. {@code box} hands the
 * detector's box to the model's preprocessing; {@code landmarks} crops by face-api's 68 landmarks, as a model
 * trained on a landmarked dataset (CK+) was; {@code aligned} levels the eyes first. The last two need
 * {@code fer4j models install faceapi-landmark68}.
 */
final class CropOption {
    static final String BOX = "box";

    @Option(names = "--crop", defaultValue = BOX, description = "How a detected face is cropped: box (the detector's),"
            + " landmarks (the box of 68 landmarks, as CK+ models were trained) or aligned (eyes levelled first);"
            + " the last two need 'fer4j models install faceapi-landmark68' (default: ${DEFAULT-VALUE}).")
    String crop;

    /** The cropper and what it owns; close it when done. */
    record Cropper(FaceCropper cropper, AutoCloseable owner) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            if (owner != null) {
                owner.close();
            }
        }
    }

    static String names() {
        return Arrays.stream(LandmarkCropper.Mode.values()).map(LandmarkCropper.Mode::cliName)
                .collect(Collectors.joining(", "));
    }

    /** Checks the name before any work; the landmark network is loaded by {@link #open}. */
    void check() {
        if (!crop.equals(BOX) && mode() == null) {
            throw new IllegalArgumentException("unknown --crop '" + crop + "'; use one of " + names());
        }
    }

    private LandmarkCropper.Mode mode() {
        for (LandmarkCropper.Mode m : LandmarkCropper.Mode.values()) {
            if (m.cliName().equals(crop.toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        return null;
    }

    /** The plain cropper (no landmarks unless the crop needs them). */
    Cropper open() throws IOException {
        return open(false);
    }

    /**
     * @param withLandmarks every crop must carry its 68 points ({@code --with-landmarks}): the landmark network
     *                      runs for {@code box} too; for {@code landmarks|aligned} the crop's own points are reused
     */
    Cropper open(boolean withLandmarks) throws IOException {
        check();
        if (crop.equals(BOX) && !withLandmarks) {
            return new Cropper(FaceCropper.BOX, null);
        }
        LandmarkCropper c = LandmarkCropper.load(ModelStore.defaultStore(), mode());
        return new Cropper(c, c);
    }

    boolean isBox() {
        return crop.equals(BOX);
    }
}
