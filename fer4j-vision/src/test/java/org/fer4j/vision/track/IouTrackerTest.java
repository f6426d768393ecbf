package org.fer4j.vision.track;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.fer4j.data.FaceBox;
import org.fer4j.vision.detect.DetectedFace;
import org.junit.jupiter.api.Test;

/** Track ids on scripted box sequences: steady motion, a missed frame, an exit and a new person, crossings. */
class IouTrackerTest {
    static DetectedFace face(double x, double y) {
        return new DetectedFace(new FaceBox(x, y, 40, 40), 0.9, List.of());
    }

    static List<Integer> ids(IouTracker t, DetectedFace... faces) {
        return t.update(List.of(faces)).stream().map(IouTracker.Tracked::id).toList();
    }

    @Test
    void movingFacesKeepTheirIdsWhateverTheDetectionOrder() {
        IouTracker t = new IouTracker();
        assertThat(ids(t, face(0, 0), face(100, 0))).containsExactly(1, 2);
        for (int step = 1; step <= 10; step++) {
            // detections come in either order; the tracker follows the boxes, not the list position
            List<Integer> ids = step % 2 == 0 ? ids(t, face(5 * step, 0), face(100 - 3 * step, 0))
                    : ids(t, face(100 - 3 * step, 0), face(5 * step, 0));
            assertThat(ids).containsExactly(step % 2 == 0 ? new Integer[] {1, 2} : new Integer[] {2, 1});
        }
        assertThat(t.tracksStarted()).isEqualTo(2);
    }

    @Test
    void aFaceMissedForAFewFramesKeepsItsIdLongerEndsTheTrack() {
        IouTracker t = new IouTracker(0.3, 2);
        assertThat(ids(t, face(0, 0))).containsExactly(1);
        assertThat(ids(t)).isEmpty();
        assertThat(ids(t)).isEmpty();
        assertThat(ids(t, face(2, 0))).containsExactly(1); // missed twice: still the same person
        assertThat(ids(t)).isEmpty();
        assertThat(ids(t)).isEmpty();
        assertThat(ids(t)).isEmpty();
        assertThat(t.liveIds()).isEmpty();
        assertThat(ids(t, face(2, 0))).containsExactly(2); // gone for three frames: a new track
    }

    @Test
    void aNewPersonGetsANewIdAndAnExitDoesNotShiftTheOthers() {
        IouTracker t = new IouTracker(0.3, 0);
        assertThat(ids(t, face(0, 0), face(100, 0))).containsExactly(1, 2);
        assertThat(ids(t, face(100, 0))).containsExactly(2);
        assertThat(ids(t, face(100, 0), face(200, 100))).containsExactly(2, 3);
        assertThat(ids(t, face(0, 0), face(100, 0), face(200, 100))).containsExactly(4, 2, 3); // 1 left: ids are not reused
    }

    @Test
    void crossingFacesFollowTheLargestOverlap() {
        IouTracker t = new IouTracker(0.1, 1);
        List<Integer> a = new ArrayList<>();
        assertThat(ids(t, face(0, 0), face(60, 0))).containsExactly(1, 2);
        // they approach in steps of 10 px: each step still overlaps its own previous box most
        for (int s = 1; s <= 6; s++) {
            List<Integer> ids = ids(t, face(10 * s, 0), face(60 - 10 * s, 0));
            a.add(ids.get(0));
            assertThat(ids.get(0)).isNotEqualTo(ids.get(1));
        }
        assertThat(a).containsOnly(1);
    }

    /** A face at {@code x} whose six keypoints sit at {@code (dx, dy)} from the box's corner, spread 4 px apart. */
    static DetectedFace faceWithKeypoints(double x, double dx, double dy) {
        List<DetectedFace.Keypoint> k = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            k.add(new DetectedFace.Keypoint(x + dx + 4 * (i % 3), dy + 4 * (i / 3)));
        }
        return new DetectedFace(new FaceBox(x, 0, 40, 40), 0.9, k);
    }

    @Test
    void keypointsKeepTheIdsWhereTheBoxesOfTwoCrossingFacesCoincide() {
        // A's features sit top left in its box, B's bottom right; in the next frame both boxes are at x = 10, equally
        // overlapping both tracks (IoU 0.6 each), and the detector lists B first
        IouTracker t = new IouTracker(0.3, 1);
        assertThat(ids(t, faceWithKeypoints(0, 5, 5), faceWithKeypoints(20, 25, 25))).containsExactly(1, 2);
        assertThat(ids(t, faceWithKeypoints(10, 25, 25), faceWithKeypoints(10, 5, 5)))
                .as("each face continues the track whose eyes, nose and mouth are nearest").containsExactly(2, 1);

        IouTracker boxesOnly = new IouTracker(0.3, 1);
        assertThat(ids(boxesOnly, face(0, 0), face(20, 0))).containsExactly(1, 2);
        assertThat(ids(boxesOnly, face(10, 0), face(10, 0)))
                .as("without keypoints the overlap is a tie and the detection order decides").containsExactly(1, 2);
    }

    @Test
    void iouAndSettings() {
        assertThat(IouTracker.iou(new FaceBox(0, 0, 10, 10), new FaceBox(5, 0, 10, 10))).isCloseTo(50.0 / 150, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(IouTracker.iou(new FaceBox(0, 0, 10, 10), new FaceBox(20, 0, 10, 10))).isZero();
        assertThatThrownBy(() -> new IouTracker(0, 1)).hasMessageContaining("IoU");
        assertThatThrownBy(() -> new IouTracker(0.5, -1)).hasMessageContaining("missed");
    }
}
