/**
 * Readers of the datasets in the layouts their owners ship (CK+, Oulu-CASIA, RAF-DB, AffectNet,
 * FER2013, JAFFE, an image folder, a manifest CSV). Each {@link org.fer4j.data.adapters.DatasetAdapter}
 * lists samples with neutral references and face boxes where the layout has them, and reports every
 * entry it leaves out with the reason, so a user pointing fer4j at a licensed copy gets the paper's protocol.
 */
package org.fer4j.data.adapters;
