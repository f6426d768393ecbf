package org.fer4j.models;

import ai.djl.ndarray.types.DataType;
import java.util.Locale;

/**
 * The arithmetic convolutions run in. {@link #BF16} is mixed precision as {@code torch.autocast} does
 * it: master weights, BatchNorm statistics, the classifier and the loss stay fp32, only the
 * convolutions (and the activations between them) are bfloat16. Worth it only where the processor
 * has bfloat16 units (AMX / AVX-512-BF16, recent GPUs); elsewhere it is emulated and slower.
 */
public enum Precision {
    FP32("fp32", null),
    BF16("bf16", DataType.BFLOAT16);

    private final String cliName;
    private final DataType lowType;

    Precision(String cliName, DataType lowType) {
        this.cliName = cliName;
        this.lowType = lowType;
    }

    public String cliName() {
        return cliName;
    }

    /** The reduced type convolutions run in, or {@code null} for plain fp32. */
    public DataType lowType() {
        return lowType;
    }

    public static Precision parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (Precision p : values()) {
            if (p.cliName.equals(n)) {
                return p;
            }
        }
        if (n.equals("bfloat16")) {
            return BF16;
        }
        if (n.equals("float32")) {
            return FP32;
        }
        throw new IllegalArgumentException("unknown precision '" + name + "'; expected fp32 or bf16");
    }

    @Override
    public String toString() {
        return cliName;
    }
}
