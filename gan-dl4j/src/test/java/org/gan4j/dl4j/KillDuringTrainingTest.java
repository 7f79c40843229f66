package org.gan4j.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash consistency with real processes: a training run checkpointing every step is killed with SIGKILL three times
 * at seeded random moments (each restart resumes from the newest checkpoint); the newest checkpoint then always reads,
 * a final resume gives exactly the uninterrupted run's history, and no temporary file is left in the folder.
 */
@Tag("hostile")
class KillDuringTrainingTest {
    private static final long STEPS = 1500;

    /**
     * The killed process: resumes from the newest checkpoint in {@code args[0]}, or starts.
     *
     * @param args the checkpoint folder
     */
    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        GanTrainer trainer = CheckpointTest.smallGan(STEPS).checkpoints(dir, 1, 3).build();
        Checkpoint.latest(dir).map(trainer::resume).orElseGet(trainer::fit);
    }

    @Test
    void should_resume_exactly_after_kills_with_no_temporary_files_left(@TempDir Path dir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        SplittableRandom random = new SplittableRandom(9);
        long lastStep = 0;
        for (int kill = 0; kill < 3; kill++) {
            Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "-Xmx1g",
                    KillDuringTrainingTest.class.getName(), dir.toString())
                    .redirectErrorStream(true).redirectOutput(new File("/dev/null")).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (newestStep(dir) <= lastStep && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(100 + random.nextInt(900));
            p.destroyForcibly();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            long step = newestStep(dir);
            assertThat(step).as("kill %d: a newer checkpoint than %d", kill, lastStep).isGreaterThan(lastStep);
            assertThat(Checkpoint.read(Checkpoint.latest(dir).orElseThrow()).step()).isEqualTo(step);
            lastStep = step;
        }
        assertThat(lastStep).isLessThan(STEPS);
        TrainedGan resumed = CheckpointTest.smallGan(STEPS).checkpoints(dir, 1, 3).build()
                .resume(Checkpoint.latest(dir).orElseThrow());
        TrainedGan straight = CheckpointTest.smallGan(STEPS).build().fit();
        assertThat(resumed.history().steps()).isEqualTo(straight.history().steps());
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).allMatch(n -> n.matches("checkpoint-\\d{9}\\.zip"));
        }
    }

    private static long newestStep(Path dir) {
        return Checkpoint.latest(dir).map(p -> Long.parseLong(p.getFileName().toString().replaceAll("\\D", ""))).orElse(0L);
    }
}
