package org.fer4j.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.fer4j.data.FaceBox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The people store: kept on disk and read back, ids that are never paths, a bounded table. */
class PeopleTest {
    @TempDir
    Path dir;

    @Test
    void enrolledFacesSurviveARestartWithTheRegionAroundTheBox() throws Exception {
        People people = new People(dir, 10);
        People.Neutral n = people.put("carol", ServeFixtures.single(), new FaceBox(50, 20, 112, 112), 0.9);
        assertThat(n.box().x()).isEqualTo(50); // 1.5 sides around the centre reaches the image's edges
        People again = new People(dir, 10);
        People.Neutral back = again.get("carol");
        assertThat(back.box()).isEqualTo(n.box());
        assertThat(back.image().getWidth()).isEqualTo(n.image().getWidth());
        assertThat(back.image().getRGB(100, 80)).isEqualTo(n.image().getRGB(100, 80));
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(s -> s.endsWith(".tmp"))).isEmpty();
        }
        assertThat(again.remove("carol")).isTrue();
        assertThat(new People(dir, 10).size()).isZero();
    }

    @Test
    void idsAreNamesNotPathsAndTheTableIsBounded() throws Exception {
        for (String bad : new String[] {"../x", "a/b", "", ".hidden", "x y", "é"}) {
            assertThatThrownBy(() -> People.checkId(bad)).isInstanceOf(ApiException.class);
        }
        People people = new People(null, 1);
        people.put("a", ServeFixtures.single(), new FaceBox(50, 20, 112, 112), 1);
        assertThatThrownBy(() -> people.put("b", ServeFixtures.single(), new FaceBox(50, 20, 112, 112), 1))
                .isInstanceOf(ApiException.class).hasMessageContaining("1 people");
        people.put("a", ServeFixtures.single(), new FaceBox(40, 20, 112, 112), 1); // replacing is allowed
        assertThat(people.get("a").box().x()).isEqualTo(40);
    }
}
