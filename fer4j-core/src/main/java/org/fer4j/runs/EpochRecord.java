package org.fer4j.runs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One epoch of one fold, as a line of {@code metrics.jsonl}: what the learning curves and the SPL
 * accuracy-per-pace plot are redrawn from without retraining.
 *
 * @param fold the fold (0 for a single split)
 * @param epoch 1-based epoch within the fold
 * @param pace the pace the epoch trained in (0 = warm-up on every sample)
 * @param loss mean training loss over the admitted samples
 * @param trainAccuracy training accuracy over the admitted samples
 * @param admitted how many training samples the epoch saw
 * @param losses the objective's named parts (e.g. {@code classification}, {@code adversary}), means
 * @param valAccuracy validation accuracy, or {@code null} without a validation split
 * @param testAccuracy test accuracy, recorded only at a pace's last epoch
 * @param seconds wall-clock time of the epoch
 * @param probes the disentanglement probes on the validation part, only at the epochs {@code --probe-every}
 *               names (absent in runs without them and in runs recorded before the option)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"fold", "epoch", "pace", "loss", "train_accuracy", "admitted", "losses", "val_accuracy",
        "test_accuracy", "seconds", "probes"})
public record EpochRecord(int fold, int epoch, int pace, double loss, double trainAccuracy, int admitted,
        Map<String, Double> losses, Double valAccuracy, Double testAccuracy, double seconds, EpochProbes probes) {

    public EpochRecord {
        if (epoch < 1 || pace < 0 || admitted < 0 || seconds < 0) {
            throw new IllegalArgumentException("epoch record: epoch " + epoch + ", pace " + pace + ", admitted "
                    + admitted + ", seconds " + seconds);
        }
        losses = losses == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(losses));
    }

    /** Without probes. */
    public EpochRecord(int fold, int epoch, int pace, double loss, double trainAccuracy, int admitted,
                       Map<String, Double> losses, Double valAccuracy, Double testAccuracy, double seconds) {
        this(fold, epoch, pace, loss, trainAccuracy, admitted, losses, valAccuracy, testAccuracy, seconds, null);
    }

    public EpochRecord withTestAccuracy(double accuracy) {
        return new EpochRecord(fold, epoch, pace, loss, trainAccuracy, admitted, losses, valAccuracy, accuracy,
                seconds, probes);
    }

    public EpochRecord withSeconds(double s) {
        return new EpochRecord(fold, epoch, pace, loss, trainAccuracy, admitted, losses, valAccuracy, testAccuracy, s,
                probes);
    }

    public EpochRecord withProbes(EpochProbes p) {
        return new EpochRecord(fold, epoch, pace, loss, trainAccuracy, admitted, losses, valAccuracy, testAccuracy,
                seconds, p);
    }
}
