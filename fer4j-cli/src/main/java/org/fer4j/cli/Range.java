package org.fer4j.cli;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The values a numeric option accepts, checked by {@link OptionChecks} for every command before it
 * runs: a negative fold count or a batch of 0 is refused with the option's name and range, instead of
 * being silently reinterpreted or failing deep inside with a library's message.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
@interface Range {
    double min();

    double max();

    /** Where {@code min} itself is excluded (a learning rate of 0 trains nothing). */
    boolean minExclusive() default false;

    /** A value outside the range that has a meaning of its own (0 folds: leave one subject out). */
    double[] also() default {};

    /** Why the limits are what they are, appended to the message. */
    String why() default "";
}
