package org.fer4j.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fer4j.data.Dataset;
import org.fer4j.runs.RunLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A split given from outside is used as given, and one that does not fit the dataset is refused by name. */
class FoldsFileTest {
    @TempDir
    Path dir;

    @Test
    void aRunsFoldsJsonReadsBackAsTheSameFolds() throws Exception {
        Dataset ds = SubjectFoldsTest.dataset(12, 1);
        List<FoldSubjects> drawn = SubjectFolds.kFold(ds, 4, 7, 0.25);
        Path file = dir.resolve(RunLog.FOLDS);
        Files.writeString(file, RunLog.JSON.writeValueAsString(drawn));
        List<FoldSubjects> read = FoldsFile.read(file, ds, 99, 0.5);
        assertThat(read).isEqualTo(drawn);
        assertThat(FoldsFile.hash(read)).isEqualTo(FoldsFile.hash(drawn)).startsWith("sha256:");
        assertThat(FoldsFile.hash(SubjectFolds.kFold(ds, 4, 8, 0.25))).isNotEqualTo(FoldsFile.hash(drawn));
    }

    @Test
    void aSubjectFoldCsvGivesEachFoldsTestSubjectsAndTrainsOnTheRest() throws Exception {
        Dataset ds = SubjectFoldsTest.dataset(6, 1);
        List<String> subjects = ds.subjects().stream().sorted().toList();
        StringBuilder csv = new StringBuilder("subject,fold\n");
        for (int i = 0; i < subjects.size(); i++) {
            csv.append(subjects.get(i)).append(',').append(i % 3 + 1).append('\n');
        }
        Path file = Files.writeString(dir.resolve("split.csv"), csv.toString());
        List<FoldSubjects> folds = FoldsFile.read(file, ds, 1, 0.0);
        assertThat(folds).hasSize(3);
        assertThat(folds.get(0).test()).containsExactly(subjects.get(0), subjects.get(3));
        assertThat(folds.get(0).train()).hasSize(4).doesNotContainAnyElementsOf(folds.get(0).test());
        assertThat(folds.get(0).validation()).isEmpty();
    }

    @Test
    void unknownLeftOutAndDoubledSubjectsAreNamed() throws Exception {
        Dataset ds = SubjectFoldsTest.dataset(4, 1);
        List<String> s = ds.subjects().stream().sorted().toList();
        Path unknown = Files.writeString(dir.resolve("unknown.csv"), "subject,fold\n" + s.get(0) + ",1\n" + s.get(1)
                + ",1\n" + s.get(2) + ",2\n" + s.get(3) + ",2\nS999,2\n");
        assertThatThrownBy(() -> FoldsFile.read(unknown, ds, 1, 0)).hasMessageContaining("unknown.csv")
                .hasMessageContaining("not in the dataset: S999");
        Path leftOut = Files.writeString(dir.resolve("left.csv"), "subject,fold\n" + s.get(0) + ",1\n" + s.get(1)
                + ",2\n");
        assertThatThrownBy(() -> FoldsFile.read(leftOut, ds, 1, 0)).hasMessageContaining("in no fold's test set: "
                + s.get(2) + ", " + s.get(3));
        Path twice = Files.writeString(dir.resolve("twice.csv"), "subject,fold\n" + s.get(0) + ",1\n" + s.get(0)
                + ",2\n");
        assertThatThrownBy(() -> FoldsFile.read(twice, ds, 1, 0)).hasMessageContaining("twice.csv line 2")
                .hasMessageContaining("subject " + s.get(0) + " is in fold 1 and in fold 2");
        Path json = Files.writeString(dir.resolve("folds.json"), "[{\"train\":[\"" + s.get(0) + "\"],\"test\":[\""
                + s.get(1) + "\"]},{\"train\":[],\"test\":[\"" + s.get(1) + "\",\"" + s.get(2)
                + "\",\"" + s.get(3) + "\"]}]");
        assertThatThrownBy(() -> FoldsFile.read(json, ds, 1, 0)).hasMessageContaining("subject " + s.get(1)
                + " is tested in fold 0 and in fold 1");
        Path partial = Files.writeString(dir.resolve("partial.json"), "[{\"train\":[\"" + s.get(0) + "\"],"
                + "\"validation\":[],\"test\":[\"" + s.get(1) + "\"]}]");
        assertThatThrownBy(() -> FoldsFile.read(partial, ds, 1, 0)).hasMessageContaining("fold 0 leaves out 2 subject(s)"
                + " of the dataset: " + s.get(2) + ", " + s.get(3));
        Path broken = Files.writeString(dir.resolve("broken.json"), "[{\"train\": [");
        assertThatThrownBy(() -> FoldsFile.read(broken, ds, 1, 0)).hasMessageContaining("broken.json: not a folds.json");
    }
}
