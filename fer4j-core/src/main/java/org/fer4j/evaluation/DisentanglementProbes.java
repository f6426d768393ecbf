package org.fer4j.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import org.fer4j.data.FaceStore;
import org.fer4j.inference.ModelRunner;
import org.fer4j.models.AdversarialNetwork;
import org.fer4j.models.FerModel;
import org.fer4j.batches.BatchAssembler;
import org.fer4j.batches.PairedBatch;

/**
 * Measures disentanglement rather than assuming it (METHODS.md §6): the trained model is frozen
 * (inference mode, no augmentation) and fresh {@link LinearProbe}s read its representations.
 * <ul>
 *   <li><b>Expression</b> from each representation: fitted on the fold's training part, scored on its
 *       test part. Good disentangling puts z_n near chance and z_e high.</li>
 *   <li><b>Identity</b> from each representation, where subjects are known: the folds are
 *       subject-disjoint, so an identity probe cannot be fitted on training subjects and scored on
 *       test subjects. It is fitted and scored on the <em>test</em> subjects, each subject's images split
 *       at random into a fitting half and a disjoint scored half: neither the model nor the probe's
 *       fit has seen the scored images. z_e should carry little identity, z_n more.</li>
 *   <li><b>INLP reference</b>, when asked for: {@link NullspaceProjection} fitted on the training part's z_n
 *       with its expression labels, applied to the training and test parts' z_n, gives a derived
 *       representation {@value #Z_N_INLP} probed like the others: how far linear removal alone gets. Where
 *       the decoder was trained (β1 &gt; 0) its reconstruction error on the test part from [z_e, z_n] and
 *       from [z_e, projected z_n] tells what that removal costs.</li>
 * </ul>
 */
public final class DisentanglementProbes {
    /** The representation z_n after INLP has removed what a linear probe could read of the expression. */
    public static final String Z_N_INLP = "z_n_inlp";
    /** The representation INLP is fitted on. */
    public static final String Z_N = "z_n";

    private DisentanglementProbes() {
    }

    /**
     * @param train the fold's training part (the only samples the expression probes are fitted on)
     * @param test  the fold's test part
     * @param seed  fixes the identity probe's split
     */
    public static ProbeScores run(FerModel model, FaceStore store, int[] train, int[] test, long seed) {
        return run(model, store, train, test, seed, false);
    }

    /**
     * @param inlp also the INLP reference on z_n ({@value #Z_N_INLP}, and the reconstruction cost where the
     *             decoder was trained); ignored for a network that names no z_n
     */
    public static ProbeScores run(FerModel model, FaceStore store, int[] train, int[] test, long seed, boolean inlp) {
        if (train.length == 0 || test.length == 0) {
            throw new IllegalArgumentException("probes need a training and a test part, got " + train.length
                    + " and " + test.length + " samples");
        }
        Map<String, Integer> reps = model.network().representations();
        Map<String, float[][]> trainFeatures = features(model, store, train, reps);
        Map<String, float[][]> testFeatures = features(model, store, test, reps);
        int[] trainLabels = labels(store, train);
        int[] testLabels = labels(store, test);
        List<String> names = new ArrayList<>(reps.keySet());
        NullspaceProjection projection = null;
        double[] reconstruction = null;
        if (inlp && reps.containsKey(Z_N)) {
            projection = NullspaceProjection.fit(trainFeatures.get(Z_N), trainLabels, NullspaceProjection.Options.defaults(seed));
            trainFeatures.put(Z_N_INLP, projection.apply(trainFeatures.get(Z_N)));
            testFeatures.put(Z_N_INLP, projection.apply(testFeatures.get(Z_N)));
            names.add(Z_N_INLP);
            if (model.network() instanceof AdversarialNetwork net && model.spec().kind().definition().reconstructs(model.spec())) {
                reconstruction = reconstructionErrors(model, net, store, test, projection);
            }
        }
        Map<String, Double> expression = new LinkedHashMap<>();
        for (String r : names) {
            expression.put(r, LinearProbe.fit(trainFeatures.get(r), trainLabels).accuracy(testFeatures.get(r), testLabels));
        }

        int[][] halves = splitBySubject(store, test, seed);
        int[] fitPos = halves[0];
        int[] scorePos = halves[1];
        Map<String, Double> subject = new LinkedHashMap<>();
        Double subjectChance = null;
        int subjects = 0;
        if (fitPos.length > 0) {
            int[] ids = subjectIds(store, test);
            int[] fitY = pick(ids, fitPos);
            int[] scoreY = pick(ids, scorePos);
            subjects = (int) Arrays.stream(scoreY).distinct().count();
            subjectChance = majorityShare(scoreY);
            for (String r : names) {
                float[][] f = testFeatures.get(r);
                subject.put(r, LinearProbe.fit(pick(f, fitPos), fitY).accuracy(pick(f, scorePos), scoreY));
            }
        }
        return new ProbeScores(expression, subject, majorityShare(testLabels), subjectChance, train.length,
                test.length, subjects, fitPos.length, scorePos.length,
                projection == null ? null : projection.removedRank(),
                projection == null ? null : projection.heldOutAccuracies(),
                reconstruction == null ? null : reconstruction[0], reconstruction == null ? null : reconstruction[1]);
    }

    /**
     * The decoder's mean squared error over the (normalised) input images of {@code indices}, from
     * [z_e, z_n] and from [z_e, projected z_n], in inference mode.
     */
    static double[] reconstructionErrors(FerModel model, AdversarialNetwork net, FaceStore store, int[] indices,
                                         NullspaceProjection projection) {
        BatchAssembler assembler = new BatchAssembler(store, false, null);
        double plain = 0;
        double projected = 0;
        long values = 0;
        int batchSize = 64;
        synchronized (model) {
            ParameterStore ps = new ParameterStore(model.manager(), false);
            for (int start = 0; start < indices.length; start += batchSize) {
                int[] chunk = Arrays.copyOfRange(indices, start, Math.min(indices.length, start + batchSize));
                PairedBatch batch = assembler.assemble(chunk, null);
                try (NDManager sub = model.manager().newSubManager()) {
                    NDArray images = batch.toInputs(sub, false).get(0);
                    NDList z = net.encode(ps, images, false);
                    NDArray zN = z.get(1);
                    float[] flat = zN.toFloatArray();
                    int d = flat.length / chunk.length;
                    float[][] rows = new float[chunk.length][];
                    for (int i = 0; i < chunk.length; i++) {
                        rows[i] = Arrays.copyOfRange(flat, i * d, (i + 1) * d);
                    }
                    float[][] p = projection.apply(rows);
                    float[] pFlat = new float[flat.length];
                    for (int i = 0; i < chunk.length; i++) {
                        System.arraycopy(p[i], 0, pFlat, i * d, d);
                    }
                    NDArray zNp = sub.create(pFlat, zN.getShape()).toDevice(zN.getDevice(), false);
                    plain += squaredError(net.reconstruct(ps, z.get(0), zN, false), images);
                    projected += squaredError(net.reconstruct(ps, z.get(0), zNp, false), images);
                    values += images.size();
                }
            }
        }
        return new double[] {plain / values, projected / values};
    }

    private static double squaredError(NDArray reconstruction, NDArray images) {
        float[] r = reconstruction.toFloatArray();
        float[] x = images.toFloatArray();
        double s = 0;
        for (int i = 0; i < r.length; i++) {
            double e = r[i] - x[i];
            s += e * e;
        }
        return s;
    }

    /**
     * Splits positions into {@code indices} per subject into a fitting half and a scored half (each
     * subject with at least two images in both; a subject's odd image goes to the scored half). Returns
     * two empty arrays when subjects are unknown or fewer than two subjects qualify.
     */
    static int[][] splitBySubject(FaceStore store, int[] indices, long seed) {
        Map<String, List<Integer>> bySubject = new LinkedHashMap<>();
        for (int i = 0; i < indices.length; i++) {
            String s = store.sample(indices[i]).subject();
            if (s == null) {
                return new int[][] {new int[0], new int[0]};
            }
            bySubject.computeIfAbsent(s, k -> new ArrayList<>()).add(i);
        }
        Random rng = new Random(seed ^ 0x9B0BE5L);
        List<Integer> fit = new ArrayList<>();
        List<Integer> score = new ArrayList<>();
        int qualifying = 0;
        for (List<Integer> positions : bySubject.values()) {
            if (positions.size() < 2) {
                continue;
            }
            qualifying++;
            java.util.Collections.shuffle(positions, rng);
            int half = positions.size() / 2;
            fit.addAll(positions.subList(0, half));
            score.addAll(positions.subList(half, positions.size()));
        }
        if (qualifying < 2) {
            return new int[][] {new int[0], new int[0]};
        }
        return new int[][] {fit.stream().mapToInt(Integer::intValue).sorted().toArray(),
                score.stream().mapToInt(Integer::intValue).sorted().toArray()};
    }

    /** The frozen representations of {@code indices}, in order, by name. */
    static Map<String, float[][]> features(FerModel model, FaceStore store, int[] indices, Map<String, Integer> reps) {
        Map<String, float[][]> out = new LinkedHashMap<>();
        reps.keySet().forEach(r -> out.put(r, new float[indices.length][]));
        BatchAssembler assembler = new BatchAssembler(store, model.needsNeutral(), null);
        ModelRunner runner = new ModelRunner(model);
        int batchSize = 64;
        for (int start = 0; start < indices.length; start += batchSize) {
            int[] chunk = Arrays.copyOfRange(indices, start, Math.min(indices.length, start + batchSize));
            int offset = start;
            runner.forward(assembler.assemble(chunk, null), outputs -> {
                for (var r : reps.entrySet()) {
                    float[] flat = outputs.get(r.getValue()).toFloatArray();
                    int d = flat.length / chunk.length;
                    for (int i = 0; i < chunk.length; i++) {
                        out.get(r.getKey())[offset + i] = Arrays.copyOfRange(flat, i * d, (i + 1) * d);
                    }
                }
                return null;
            });
        }
        return out;
    }

    private static int[] labels(FaceStore store, int[] indices) {
        return Arrays.stream(indices).map(store::label).toArray();
    }

    private static int[] subjectIds(FaceStore store, int[] indices) {
        Map<String, Integer> ids = new HashMap<>();
        return Arrays.stream(indices).map(i -> ids.computeIfAbsent(store.sample(i).subject(), k -> ids.size())).toArray();
    }

    static double majorityShare(int[] y) {
        if (y.length == 0) {
            return Double.NaN;
        }
        int m = LinearProbe.majority(y);
        return (double) Arrays.stream(y).filter(v -> v == m).count() / y.length;
    }

    private static int[] pick(int[] a, int[] positions) {
        return Arrays.stream(positions).map(p -> a[p]).toArray();
    }

    private static float[][] pick(float[][] a, int[] positions) {
        return Arrays.stream(positions).mapToObj(p -> a[p]).toArray(float[][]::new);
    }
}
