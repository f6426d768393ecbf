package org.fer4j.data.adapters;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The dataset adapters by the name {@code --dataset} selects them with. */
public final class Adapters {
    private static final Map<String, DatasetAdapter> BY_NAME = new LinkedHashMap<>();
    private static final Map<String, String> ALIASES = Map.of("ck+", "ckplus", "ck", "ckplus", "oulu-casia", "oulu",
            "raf-db", "rafdb", "raf", "rafdb", "affectnet7", "affectnet", "fer", "fer2013", "images", "folder", "csv", "manifest");

    static {
        for (DatasetAdapter a : List.of(new CkPlus(), new OuluCasia(), new RafDb(), new AffectNet(false), new AffectNet(true),
                new Fer2013(), new Jaffe(), new ImageFolder(), new Manifest())) {
            BY_NAME.put(a.name(), a);
        }
    }

    private Adapters() {
    }

    public static List<DatasetAdapter> all() {
        return List.copyOf(BY_NAME.values());
    }

    /**
     * The adapter named {@code name} (any case; a few spellings such as {@code ck+} are accepted).
     *
     * @throws IllegalArgumentException naming the accepted names
     */
    public static DatasetAdapter get(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        DatasetAdapter a = BY_NAME.get(ALIASES.getOrDefault(key, key));
        if (a == null) {
            throw new IllegalArgumentException("unknown dataset '" + name + "'; use synth (built in) or one of "
                    + BY_NAME.keySet() + " (fer4j datasets list shows their layouts)");
        }
        return a;
    }
}
