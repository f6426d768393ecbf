package org.fer4j.vision.align;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Locale;
import org.fer4j.vision.detect.DetectedFace;
import org.fer4j.vision.detect.FaceCropper;
import org.fer4j.vision.store.ModelStore;

/**
 * The crop a model trained on a landmarked dataset expects, made from a raw photo: the detector's face is
 * landmarked (face-api's 68 points, {@link LandmarkLocator}) and cropped by the box of its landmarks, as
 * fer4j's CK+ adapter crops a frame by its landmark file ({@link Mode#LANDMARKS}); optionally the face is
 * turned first so its eyes are level ({@link Mode#ALIGNED}), which photos need and CK+'s frontal frames did
 * not. Every crop carries the photo's 68 points ({@link Crop#landmarks}), so output rows reuse them;
 * {@link Mode#BOX} locates them without changing the crop. A detector's box is looser and placed differently, so a CK+-trained model sees, through this, the
 * framing it was trained on. Owns the landmark network when loaded from the store: close it.
 */
public final class LandmarkCropper implements FaceCropper, AutoCloseable {
    /** How a landmarked face is cut out. */
    public enum Mode {
        /**
         * The detector's box, as {@link FaceCropper#BOX}: the landmarks are located only to be reported
         * with the face ({@code --with-landmarks} with {@code --crop box}).
         */
        BOX,
        /** The box of the 68 landmarks on the unchanged photo. */
        LANDMARKS,
        /** The eye line turned level first, then the box of the turned landmarks. */
        ALIGNED;

        /** The name the CLI spells ({@code --crop landmarks|aligned}). */
        public String cliName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final LandmarkLocator locator;
    private final Mode mode;
    private final boolean owned;

    private LandmarkCropper(LandmarkLocator locator, Mode mode, boolean owned) {
        if (locator == null || mode == null) {
            throw new IllegalArgumentException("a landmark crop needs a locator and a mode");
        }
        this.locator = locator;
        this.mode = mode;
        this.owned = owned;
    }

    /** Loads the landmark network from {@code store} (verified; a missing model names its install command). */
    public static LandmarkCropper load(ModelStore store, Mode mode) throws IOException {
        return new LandmarkCropper(LandmarkLocator.load(store), mode, true);
    }

    /** Uses a locator the caller keeps and closes. */
    public static LandmarkCropper using(LandmarkLocator locator, Mode mode) {
        return new LandmarkCropper(locator, mode, false);
    }

    public Mode mode() {
        return mode;
    }

    @Override
    public Crop crop(BufferedImage image, DetectedFace face) {
        FaceLandmarks landmarks = locator.locate(image, face);
        if (mode == Mode.BOX) {
            return new Crop(image, face.box(), landmarks.points());
        }
        if (mode == Mode.LANDMARKS) {
            return new Crop(image, landmarks.box(), landmarks.points());
        }
        AlignedCrop.Levelled levelled = AlignedCrop.levelEyes(image, landmarks);
        return new Crop(levelled.image(), levelled.box(), landmarks.points());
    }

    @Override
    public void close() {
        if (owned) {
            locator.close();
        }
    }
}
