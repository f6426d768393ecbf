/**
 * Paired batches: targets and their neutral references written into one contiguous 2B tensor
 * ({@link org.fer4j.batches.PairedBatch}) so that SPNDL's backbone sees both as one batch (joint
 * BatchNorm) without a concat; {@link org.fer4j.batches.BatchAssembler} fills them, applying the same
 * {@link org.fer4j.batches.PairedAugmentation} to a target and its reference.
 */
package org.fer4j.batches;
