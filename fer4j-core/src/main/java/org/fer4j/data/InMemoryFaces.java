package org.fer4j.data;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Decodes and preprocesses a whole dataset into memory, in parallel. A sample whose target or
 * neutral image cannot be read is reported in {@link #skipped()} and left out (or, when strict,
 * the load fails on it), so one corrupt file never loses a run.
 */
public final class InMemoryFaces extends LoadedFaces {
    private final List<float[]> targets;
    private final List<float[]> neutrals;

    private InMemoryFaces(LabelSet labels, Preprocessing preprocessing, List<Sample> samples, List<float[]> targets,
                          List<float[]> neutrals, List<Skipped> skipped) {
        super(labels, preprocessing, samples, skipped);
        this.targets = targets;
        this.neutrals = neutrals;
    }

    /** Loads with all available processors. */
    public static InMemoryFaces load(Dataset dataset, Preprocessing pre, boolean strict) throws IOException {
        return load(dataset, pre, strict, Math.max(1, Runtime.getRuntime().availableProcessors()));
    }

    /**
     * Loads every sample of {@code dataset}.
     *
     * @param strict fail on the first unreadable image instead of skipping it
     * @throws IOException naming the file when strict, or when nothing usable remains
     */
    public static InMemoryFaces load(Dataset dataset, Preprocessing pre, boolean strict, int threads)
            throws IOException {
        List<Sample> all = dataset.samples();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "fer4j-decode");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<float[][]>> futures = new ArrayList<>(all.size());
            for (Sample s : all) {
                futures.add(pool.submit(() -> new float[][] {
                        pre.load(s.image(), s.box()),
                        s.hasNeutral() ? pre.load(s.neutral(), s.neutralBox()) : null}));
            }
            List<Sample> kept = new ArrayList<>();
            List<float[]> t = new ArrayList<>();
            List<float[]> n = new ArrayList<>();
            List<Skipped> skipped = new ArrayList<>(dataset.skipped());
            for (int i = 0; i < all.size(); i++) {
                try {
                    float[][] pair = futures.get(i).get();
                    kept.add(all.get(i));
                    t.add(pair[0]);
                    n.add(pair[1]);
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    String msg = cause.getMessage() != null ? cause.getMessage() : cause.toString();
                    if (strict) {
                        throw new IOException("sample " + all.get(i).id() + ": " + msg + " (strict mode)", cause);
                    }
                    skipped.add(new Skipped(all.get(i).id(), msg));
                }
            }
            if (kept.isEmpty() && !all.isEmpty()) {
                throw new IOException("dataset " + dataset.name() + ": none of " + all.size()
                        + " images could be read; first problem: " + skipped.get(skipped.size() - 1));
            }
            return new InMemoryFaces(dataset.labels(), pre, kept, t, n, skipped);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while loading " + dataset.name(), e);
        } finally {
            pool.shutdownNow();
        }
    }

    @Override
    public void target(int index, float[] dst, int offset) {
        float[] src = targets.get(index);
        System.arraycopy(src, 0, dst, offset, src.length);
    }

    @Override
    public void neutral(int index, float[] dst, int offset) {
        float[] src = neutrals.get(index);
        if (src == null) {
            throw new IllegalStateException("sample " + sample(index).id() + " has no neutral reference");
        }
        System.arraycopy(src, 0, dst, offset, src.length);
    }

    @Override
    public boolean hasNeutral(int index) {
        return neutrals.get(index) != null;
    }
}
