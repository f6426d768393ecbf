package org.fer4j.data.adapters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * File-system helpers every adapter shares, tolerant in the ways real copies differ: folder names in any
 * case, {@code .png} or {@code .jpg}, stray files such as {@code .DS_Store}, one extra wrapping folder.
 */
public final class Layout {
    /** Image extensions fer4j decodes (TIFF through the JDK's ImageIO plugin). */
    public static final List<String> IMAGE_EXTENSIONS = List.of(".png", ".jpg", ".jpeg", ".bmp", ".gif", ".tif", ".tiff");
    private static final Set<String> STRAY = Set.of("thumbs.db", "desktop.ini");

    private Layout() {
    }

    /** Checks {@code root} is an existing folder; the error names it and the dataset's expected layout. */
    static Path requireFolder(Path root, DatasetAdapter adapter) throws IOException {
        if (root == null) {
            throw new IllegalArgumentException("--dataset " + adapter.name() + " needs --root; expected " + adapter.layout());
        }
        if (!Files.isDirectory(root)) {
            throw new IOException(root + ": " + (Files.exists(root) ? "not a folder" : "no such folder")
                    + "; --root must be the " + adapter.name() + " folder laid out as " + adapter.layout());
        }
        return root;
    }

    /** A file the operating system or a file manager leaves behind: hidden files, Thumbs.db, AppleDouble. */
    public static boolean isStray(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.startsWith(".") || STRAY.contains(n) || n.equals("__macosx");
    }

    /** Whether the file name has an image extension (any case). */
    public static boolean hasImageExtension(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return IMAGE_EXTENSIONS.stream().anyMatch(n::endsWith);
    }

    /** A regular, non-stray file with an image extension. */
    public static boolean isImage(Path p) {
        return Files.isRegularFile(p) && !isStray(p) && hasImageExtension(p);
    }

    /** The file name without its last extension. */
    public static String stem(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    /** The child of {@code dir} whose name equals one of {@code names} ignoring case (first name first). */
    static Optional<Path> child(Path dir, String... names) throws IOException {
        if (dir == null || !Files.isDirectory(dir)) {
            return Optional.empty();
        }
        for (String name : names) {
            Path exact = dir.resolve(name);
            if (Files.exists(exact)) {
                return Optional.of(exact);
            }
        }
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> all = s.sorted().toList();
            for (String name : names) {
                for (Path p : all) {
                    if (p.getFileName().toString().equalsIgnoreCase(name)) {
                        return Optional.of(p);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** Follows a path of child names, each matched ignoring case. */
    static Optional<Path> descend(Path dir, String... names) throws IOException {
        Optional<Path> p = Optional.of(dir);
        for (String n : names) {
            p = child(p.get(), n);
            if (p.isEmpty()) {
                return p;
            }
        }
        return p;
    }

    /**
     * {@code root} itself when it has the expected content, else its only non-stray subfolder when that
     * one has it (copies unpacked into an extra folder, such as {@code jaffe/} or {@code CK+/}).
     */
    static Optional<Path> base(Path root, Predicate<Path> looksRight) throws IOException {
        if (looksRight.test(root)) {
            return Optional.of(root);
        }
        List<Path> dirs = folders(root);
        if (dirs.size() == 1 && looksRight.test(dirs.get(0))) {
            return Optional.of(dirs.get(0));
        }
        return Optional.empty();
    }

    /** Predicate helper: {@code dir} has a child with this name (any case) and of this kind. */
    static boolean hasChild(Path dir, boolean folder, String... names) {
        try {
            Optional<Path> c = child(dir, names);
            return c.isPresent() && (folder ? Files.isDirectory(c.get()) : Files.isRegularFile(c.get()));
        } catch (IOException e) {
            return false;
        }
    }

    /** Non-stray subfolders, sorted by name. */
    static List<Path> folders(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).filter(p -> !isStray(p)).sorted().toList();
        }
    }

    /** Non-stray regular files, sorted by name. */
    static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).filter(p -> !isStray(p)).sorted().toList();
        }
    }

    /**
     * The images in {@code dir}, sorted by name. Files that are not images are excluded quietly (a
     * README, a FACS file); the same image in two formats ({@code 001.png} and {@code 001.jpg}) is a
     * duplicate problem and only the first by name is kept.
     */
    static List<Path> images(Path dir, ListingBuilder out) throws IOException {
        Map<String, Path> byStem = new LinkedHashMap<>();
        for (Path p : files(dir)) {
            if (!hasImageExtension(p)) {
                out.exclude(p, "not an image file");
                continue;
            }
            Path first = byStem.putIfAbsent(stem(p).toLowerCase(Locale.ROOT), p);
            if (first != null) {
                out.problem(p, "duplicate of " + first.getFileName() + " (same image name in two formats); the first is kept");
            }
        }
        return new ArrayList<>(byStem.values());
    }
}
