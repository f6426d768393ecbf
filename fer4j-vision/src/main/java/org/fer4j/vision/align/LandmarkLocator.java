package org.fer4j.vision.align;

import java.awt.image.BufferedImage;
import java.io.IOException;
import org.fer4j.data.FaceBox;
import org.fer4j.vision.detect.DetectedFace;
import org.fer4j.vision.faceapi.FaceApiInput;
import org.fer4j.vision.faceapi.FaceLandmarkModel;
import org.fer4j.vision.store.ModelStore;

/**
 * Finds 68 landmarks of a detected face in the photo: face-api's FaceLandmark68Net on a square region
 * around the detector's box, the points mapped back to photo pixels. The network was trained on
 * face-api's own detector's boxes, which on face-api's demo photos are about 1.2 × BlazeFace's and a
 * little lower (measured: width ratio 1.09–1.78, median ≈ 1.2; centre 0.05 of the side lower), so the
 * region is BlazeFace's box scaled by {@link #REGION_SCALE} and moved down by {@link #REGION_SHIFT}.
 * Where the two detectors disagree more (a tilted face: BlazeFace's box is then the smaller by up to
 * 1.8×), one pass misplaces the jaw, so {@link #locate(BufferedImage, DetectedFace)} runs the network
 * a second time on a square of {@link #REFINE_SCALE} × the first landmarks' box (face-api's own crops
 * of its demo faces are 1.32–1.48 × their landmark box) around its centre. Owns the network's native
 * memory.
 */
public final class LandmarkLocator implements AutoCloseable {
    /** Side of the landmark region relative to the detector's box. */
    public static final double REGION_SCALE = 1.25;
    /** Downward shift of the region's centre, relative to the detector's box side. */
    public static final double REGION_SHIFT = 0.05;
    /** Side of the second pass's region relative to the first pass's landmark box (its longer side). */
    public static final double REFINE_SCALE = 1.4;
    private final FaceLandmarkModel model;
    private final boolean owned;

    private LandmarkLocator(FaceLandmarkModel model, boolean owned) {
        this.model = model;
        this.owned = owned;
    }

    /** Loads face-api's landmark network from the store (verified; never downloads). */
    public static LandmarkLocator load(ModelStore store) throws IOException {
        return new LandmarkLocator(FaceLandmarkModel.load(store), true);
    }

    /** Uses an already loaded network, which the caller keeps and closes. */
    public static LandmarkLocator using(FaceLandmarkModel model) {
        return new LandmarkLocator(model, false);
    }

    /** The region the network is shown for a detected face. */
    public static FaceBox regionFor(DetectedFace face) {
        FaceBox b = face.box();
        double side = Math.max(b.width(), b.height());
        double s = side * REGION_SCALE;
        double cx = b.x() + b.width() / 2;
        double cy = b.y() + b.height() / 2 + REGION_SHIFT * side;
        return new FaceBox(cx - s / 2, cy - s / 2, s, s);
    }

    /** Landmarks of a detected face: a first pass on the detector's region, a second on the first's landmarks. */
    public FaceLandmarks locate(BufferedImage image, DetectedFace face) {
        FaceLandmarks first = locate(image, regionFor(face));
        FaceBox b = first.box();
        double s = Math.max(b.width(), b.height()) * REFINE_SCALE;
        FaceBox region = new FaceBox(b.x() + b.width() / 2 - s / 2, b.y() + b.height() / 2 - s / 2, s, s);
        return region.shareInside(image.getWidth(), image.getHeight()) < 0.5 ? first : locate(image, region);
    }

    /** Landmarks of the face in {@code region} (photo pixels; cropped, padded square as face-api does). */
    public FaceLandmarks locate(BufferedImage image, FaceBox region) {
        FaceApiInput.Placement pl = FaceApiInput.placement(image.getWidth(), image.getHeight(), region);
        float[] out = model.landmarks(FaceApiInput.of(image, region))[0];
        double[] xy = new double[out.length];
        for (int i = 0; i < out.length; i += 2) {
            xy[i] = pl.photoX(out[i]);
            xy[i + 1] = pl.photoY(out[i + 1]);
        }
        return FaceLandmarks.ofInterleaved(xy);
    }

    @Override
    public void close() {
        if (owned) {
            model.close();
        }
    }
}
