package org.fer4j.data;

/** Which official partition a sample belongs to; {@link #UNSPECIFIED} where a protocol draws folds. */
public enum Split { TRAIN, VALIDATION, TEST, UNSPECIFIED }
