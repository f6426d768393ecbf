/**
 * The models, in the papers' terms. {@link org.fer4j.models.ModelKind} is the registry: each kind carries
 * a {@link org.fer4j.models.ModelDefinition} (its network, objective, whether it needs the neutral face,
 * what runs do with it). {@link org.fer4j.models.FerModel} owns a network's native memory (close it), saves
 * and loads it, and seeds its initial weights from its own generator. Networks:
 * {@link org.fer4j.models.NeutralDisentangledFeatures} (NDF = f(target) − f(neutral)),
 * {@link org.fer4j.models.TwoBackboneNetwork} (f_e(x) − f_n(x)), {@link org.fer4j.models.AdversarialNetwork},
 * on a {@link org.fer4j.models.Backbone}: a torchvision-compatible {@link org.fer4j.models.ResNet18}, or for all but
 * the adversarial network face-api's face-recognition trunk {@link org.fer4j.models.FaceResNet}
 * ({@link org.fer4j.models.BackboneKind}, the spec's {@code backbone} option).
 */
package org.fer4j.models;
