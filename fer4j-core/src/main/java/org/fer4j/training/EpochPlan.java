package org.fer4j.training;

/**
 * Which pace each epoch belongs to: warm-up epochs (pace 0, all samples) then the remaining epochs
 * split evenly over the paces 1..P (earlier paces get the remainder). Without SPL every epoch is pace 0.
 */
public final class EpochPlan {
    private final int[] paceOfEpoch;

    public EpochPlan(int epochs, SelfPacedConfig spl) {
        paceOfEpoch = new int[epochs];
        if (!spl.enabled()) {
            return;
        }
        int paces = spl.paces();
        int rest = epochs - spl.warmupEpochs();
        if (rest < paces) {
            throw new IllegalArgumentException(epochs + " epochs cannot hold " + spl.warmupEpochs()
                    + " warm-up epoch(s) and " + paces + " paces; use at least " + (spl.warmupEpochs() + paces)
                    + " epochs or fewer paces");
        }
        int e = spl.warmupEpochs();
        for (int p = 1; p <= paces; p++) {
            int n = rest / paces + (p <= rest % paces ? 1 : 0);
            for (int i = 0; i < n; i++) {
                paceOfEpoch[e++] = p;
            }
        }
    }

    /** 0 for warm-up / no SPL, else 1-based pace. */
    public int paceOf(int epoch) {
        return paceOfEpoch[epoch];
    }

    public boolean startsPace(int epoch) {
        return paceOfEpoch[epoch] > 0 && (epoch == 0 || paceOfEpoch[epoch - 1] != paceOfEpoch[epoch]);
    }

    public boolean endsPace(int epoch) {
        return epoch == paceOfEpoch.length - 1 || paceOfEpoch[epoch + 1] != paceOfEpoch[epoch];
    }

    public int epochs() {
        return paceOfEpoch.length;
    }
}
