package org.fer4j.vision.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fer4j.data.LabelSet;
import org.fer4j.data.Preprocessing;
import org.fer4j.models.FerModel;
import org.fer4j.models.ModelKind;
import org.fer4j.models.ModelSpec;
import org.fer4j.vision.FixtureFaces;
import org.fer4j.vision.video.VideoWriter;

/**
 * The inputs of {@code bench/video-fps.sh} (docs/IN_THE_WILD.md), a benchmark, not a test: {@code video OUT FACES FRAMES}
 * writes a 640×480 MP4 at 25 fps of 1 or 4 real fixture faces (the ones OpenCV's frontal cascade finds) swaying a few
 * pixels; {@code model OUT WIDTH RES} saves an untrained paired SPNDL ResNet-18 (inference costs what a trained one
 * costs).
 */
public final class VideoFps {
    private VideoFps() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "video" -> video(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            case "model" -> {
                ModelSpec spec = new ModelSpec(ModelKind.SPNDL, Double.parseDouble(args[2]),
                        Preprocessing.rgb(Integer.parseInt(args[3])), LabelSet.CK_PLUS_7);
                try (FerModel m = FerModel.create(spec, 7)) {
                    m.save(Path.of(args[1]), Map.of("trained_on", "nothing (video benchmark)"));
                }
            }
            default -> throw new IllegalArgumentException("video OUT FACES FRAMES | model OUT WIDTH RES");
        }
    }

    static void video(Path out, int faces, int frames) throws Exception {
        if (faces != 1 && faces != 4) {
            throw new IllegalArgumentException("1 or 4 faces");
        }
        try (VideoWriter w = VideoWriter.open(out, 640, 480, 25)) {
            for (int i = 0; i < frames; i++) {
                int sway = (int) Math.round(8 * Math.sin(i / 8.0));
                List<int[]> placed = new ArrayList<>();
                if (faces == 1) {
                    placed.add(new int[] {FixtureFaces.FRONTAL[0], 240 + sway, 140, 160});
                } else {
                    for (int k = 0; k < 4; k++) {
                        placed.add(new int[] {FixtureFaces.FRONTAL[k % 2], 60 + 320 * (k % 2) + sway, 40 + 240 * (k / 2), 140});
                    }
                }
                w.write(FixtureFaces.frame(640, 480, placed.toArray(int[][]::new)));
            }
        }
    }
}
