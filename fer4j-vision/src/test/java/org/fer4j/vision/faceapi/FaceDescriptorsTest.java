package org.fer4j.vision.faceapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Distances and matching on hand-made descriptors (no network). */
class FaceDescriptorsTest {
    static FaceDescriptor at(float first, float second) {
        float[] v = new float[FaceDescriptor.SIZE];
        v[0] = first;
        v[1] = second;
        return new FaceDescriptor(v);
    }

    @Test
    void distanceIsEuclidean() {
        assertThat(at(0, 0).distanceTo(at(3, 4))).isEqualTo(5.0);
        assertThat(FaceDescriptors.distance(at(1, 1), at(1, 1))).isZero();
    }

    @Test
    void bestMatchIsTheNearestWithinTheThreshold() {
        Map<String, FaceDescriptor> refs = new LinkedHashMap<>();
        refs.put("ana", at(0.5f, 0));
        refs.put("bo", at(0, 0.3f));
        assertThat(FaceDescriptors.bestMatch(at(0, 0), refs)).hasValueSatisfying(m -> {
            assertThat(m.name()).isEqualTo("bo");
            assertThat(m.distance()).isCloseTo(0.3, org.assertj.core.data.Offset.offset(1e-6));
            assertThat(m.samePerson()).isTrue();
        });
        // Nearest is 0.7 away: beyond face-api's 0.6, an unknown face.
        assertThat(FaceDescriptors.bestMatch(at(0, -0.4f), Map.of("bo", at(0, 0.3f)))).isEmpty();
        assertThat(FaceDescriptors.nearest(at(0, -0.4f), Map.of("bo", at(0, 0.3f)))).hasValueSatisfying(m -> assertThat(m.samePerson()).isFalse());
        assertThat(FaceDescriptors.bestMatch(at(0, 0), Map.of())).isEmpty();
        assertThat(FaceDescriptors.bestMatch(at(0, -0.4f), Map.of("bo", at(0, 0.3f)), 0.8)).isPresent();
    }

    @Test
    void descriptorsAreValidatedAndCopied() {
        assertThatThrownBy(() -> new FaceDescriptor(new float[127])).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("127");
        float[] v = new float[FaceDescriptor.SIZE];
        v[5] = Float.NaN;
        assertThatThrownBy(() -> new FaceDescriptor(v)).hasMessageContaining("value 5");
        float[] w = new float[FaceDescriptor.SIZE];
        FaceDescriptor d = new FaceDescriptor(w);
        w[0] = 9;
        d.values()[1] = 9;
        assertThat(d).isEqualTo(at(0, 0));
        assertThatThrownBy(() -> FaceDescriptors.bestMatch(d, Map.of(), -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
