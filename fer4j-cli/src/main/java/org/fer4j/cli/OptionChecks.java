package org.fer4j.cli;

import java.lang.reflect.Field;
import java.util.Collection;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Checks every parsed option of the command about to run: NaN and infinity are refused for every
 * floating-point option, {@link Range} limits where declared. One place, so that a new option gets
 * the same treatment by being annotated.
 */
final class OptionChecks {
    private OptionChecks() {
    }

    /** Checks the options of the innermost command of {@code parsed}; throws with the option's name. */
    static void check(CommandLine.ParseResult parsed) {
        CommandLine.ParseResult sub = parsed;
        while (sub.hasSubcommand()) {
            sub = sub.subcommand();
        }
        for (OptionSpec o : sub.commandSpec().options()) {
            try {
                check(o);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(sub.commandSpec().commandLine(), e.getMessage());
            }
        }
    }

    private static void check(OptionSpec o) {
        {
            Object value = o.getValue();
            Range range = o.userObject() instanceof Field f ? f.getAnnotation(Range.class) : null;
            if (value instanceof Collection<?> c) {
                for (Object v : c) {
                    check(o.longestName(), v, range);
                }
            } else if (value instanceof double[] a) {
                for (double v : a) {
                    check(o.longestName(), v, null);
                }
            } else {
                check(o.longestName(), value, range);
            }
        }
    }

    private static void check(String name, Object value, Range range) {
        if (!(value instanceof Number n)) {
            return;
        }
        double v = n.doubleValue();
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(name + " " + value + ": give a finite number");
        }
        if (range == null) {
            return;
        }
        for (double ok : range.also()) {
            if (v == ok) {
                return;
            }
        }
        boolean low = range.minExclusive() ? v <= range.min() : v < range.min();
        if (low || v > range.max()) {
            StringBuilder also = new StringBuilder();
            for (double ok : range.also()) {
                also.append(" or ").append(fmt(ok));
            }
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s %s: must be %s %s and at most %s%s%s", name,
                    fmt(v), range.minExclusive() ? "above" : "at least", fmt(range.min()), fmt(range.max()), also,
                    range.why().isEmpty() ? "" : " (" + range.why() + ")"));
        }
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
