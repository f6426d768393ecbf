package org.fer4j.vision.faceapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** A reference written by {@code scripts/reference.sh}: the original's outputs and the crops it ran on. */
record Reference(JsonNode json, List<byte[]> crops) {
    static Reference load(String resource) throws IOException {
        JsonNode ref;
        try (InputStream in = Reference.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException(resource + " not found next to the tests; run scripts/reference.sh");
            }
            ref = new ObjectMapper().readTree(in);
        }
        List<byte[]> crops = new ArrayList<>();
        for (JsonNode f : ref.path("faces")) {
            try (InputStream in = Reference.class.getResourceAsStream(f.path("file").asText())) {
                crops.add(in.readAllBytes());
            }
        }
        return new Reference(ref, crops);
    }

    byte[][] cropArray() {
        return crops.toArray(byte[][]::new);
    }
}
