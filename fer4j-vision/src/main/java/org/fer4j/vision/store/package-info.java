/**
 * The pretrained-model store: artefacts pinned by npm package, version and sha-256, installed by an
 * explicit step and only read (and verified) at prediction time.
 */
package org.fer4j.vision.store;
