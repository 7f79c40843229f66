package org.gan4j.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.gan4j.Discriminator;
import org.gan4j.Generator;
import org.gan4j.LatentSpace;
import org.gan4j.Shape;
import org.gan4j.data.InMemoryDataSource;
import org.gan4j.dl4j.io.AtomicFiles;
import org.gan4j.optim.OptimizerSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class CheckpointTest {

    /** A small GAN with the state that makes resuming hard: batch norm, dropout, Adam, a decaying learning rate, EMA. */
    static GanTrainer.Builder smallGan(long steps) {
        float[] values = new float[300 * 6];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) Math.sin(0.37 * i) * (1 + (i % 6));
        }
        return GanTrainer.builder()
                .generator(Generator.builder().latent(LatentSpace.gaussian(5))
                        .dense(16).batchNorm().relu().dense(6).build())
                .discriminator(Discriminator.builder().input(6)
                        .dense(16).leakyRelu(0.2).dropout(0.3).dense(1).build())
                .generatorOptimizer(OptimizerSpec.adam(1e-3, 0.5, 0.999).withLinearDecay(0.0))
                .discriminatorOptimizer(OptimizerSpec.adam(1e-3, 0.5, 0.999))
                .data(InMemoryDataSource.of(values, Shape.of(6)))
                .generatorEma(0.9, 5)
                .batchSize(32).steps(steps).seed(11);
    }

    @Test
    void should_resume_exactly_where_an_uninterrupted_run_would_be(@TempDir Path dir) {
        // given: 24 steps straight, checkpointing every 12 (9 batches per pass, so the data position crosses passes)
        TrainedGan straight = smallGan(24).checkpoints(dir, 12, 5).build().fit();
        INDArray z = Nd4j.rand(DataType.FLOAT, 7, 5);
        // when: a new trainer resumes from step 12
        TrainedGan resumed = smallGan(24).build().resume(dir.resolve("checkpoint-000000012.zip"));
        // then
        assertThat(resumed.history().steps()).isEqualTo(straight.history().steps());
        assertThat(resumed.sample(z).data().asFloat()).containsExactly(straight.sample(z).data().asFloat());
        assertThat(resumed.sample(3).data().asFloat()).containsExactly(straight.sample(3).data().asFloat());
    }

    @Test
    void should_keep_only_the_newest_checkpoints(@TempDir Path dir) throws IOException {
        smallGan(20).checkpoints(dir, 5, 2).build().fit();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("checkpoint-000000015.zip", "checkpoint-000000020.zip");
        }
        Checkpoint latest = Checkpoint.read(Checkpoint.latest(dir).orElseThrow());
        assertThat(latest.step()).isEqualTo(20);
        assertThat(latest.history().size()).isEqualTo(20);
    }

    @Test
    void should_refuse_truncated_archives(@TempDir Path dir) throws IOException {
        byte[] good = Files.readAllBytes(checkpoint(dir));
        for (int length : new int[] {0, 10, 100, good.length / 3, good.length / 2, good.length - 30, good.length - 1}) {
            Path cut = dir.resolve("cut-" + length + ".zip");
            Files.write(cut, Arrays.copyOf(good, length));
            assertThatThrownBy(() -> Checkpoint.read(cut)).as("truncated at %d of %d bytes", length, good.length)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("checkpoint " + cut + " is corrupted or truncated: ");
        }
    }

    /**
     * A flipped byte is either refused or harmless: a byte of a local header's name that the central directory
     * overrides changes nothing read, so such an archive must give exactly the original's arrays.
     */
    @Test
    void should_refuse_an_archive_with_a_flipped_byte_or_read_it_unchanged(@TempDir Path dir) throws IOException {
        Path original = checkpoint(dir);
        byte[] good = Files.readAllBytes(original);
        Checkpoint reference = Checkpoint.read(original);
        int refused = 0;
        for (int offset : new int[] {40, good.length / 4, good.length / 2, 3 * good.length / 4, good.length - 60}) {
            byte[] bad = good.clone();
            bad[offset] ^= 0x10;
            Path flipped = dir.resolve("flipped-" + offset + ".zip");
            Files.write(flipped, bad);
            Checkpoint read;
            try {
                read = Checkpoint.read(flipped);
            } catch (IllegalArgumentException e) {
                assertThat(e).as("byte %d flipped", offset).hasMessageContaining("checkpoint " + flipped + " ");
                refused++;
                continue;
            }
            assertThat(read.step()).isEqualTo(reference.step());
            for (String group : new String[] {"G/params", "D/params", "G/optimizer", "D/optimizer"}) {
                Map<String, INDArray> expected = reference.arrays(group);
                Map<String, INDArray> actual = read.arrays(group);
                assertThat(actual.keySet()).as("byte %d flipped", offset).isEqualTo(expected.keySet());
                expected.forEach((name, array) -> assertThat(actual.get(name)).isEqualTo(array));
            }
        }
        assertThat(refused).as("flips inside entry data are refused").isGreaterThanOrEqualTo(3);
    }

    @Test
    void should_refuse_another_format_version_and_another_configuration(@TempDir Path dir) throws IOException {
        Path good = checkpoint(dir);
        Path future = dir.resolve("future.zip");
        Files.write(future, rewriteManifest(Files.readAllBytes(good), "\"version\" : 2", "\"version\" : 3"));
        assertThatThrownBy(() -> Checkpoint.read(future)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("checkpoint " + future + " has format version 3; this gan4j reads version 2");

        GanTrainer otherSeed = smallGan(12).seed(12).build();
        assertThatThrownBy(() -> otherSeed.resume(good)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("checkpoint was written by another configuration:")
                .hasMessageContaining("seed=11").hasMessageContaining("seed=12");
        GanTrainer shorter = smallGan(3).build();
        assertThatThrownBy(() -> shorter.resume(good)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("checkpoint is at step 6, beyond this trainer's 3 steps");
        assertThatThrownBy(() -> shorter.resume(dir.resolve("none.zip")))
                .hasMessage("checkpoint " + dir.resolve("none.zip") + " does not exist");
    }

    @Test
    void should_leave_the_previous_checkpoint_loadable_when_a_write_is_interrupted(@TempDir Path dir) throws IOException {
        Path previous = checkpoint(dir);
        byte[] next = Files.readAllBytes(previous);
        // a write that dies half way, as a killed process would
        assertThatThrownBy(() -> AtomicFiles.write(previous, out -> {
            out.write(next, 0, next.length / 2);
            throw new IOException("killed");
        })).isInstanceOf(UncheckedIOException.class);
        assertThat(Checkpoint.read(previous).step()).isEqualTo(6);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly(previous.getFileName().toString());
        }
    }

    /**
     * A checkpoint write that fails (here the folder is replaced by a file for steps 4 and 5) is logged and training
     * goes on; the checkpoints written before and after are whole and resume exactly; a temporary file of a killed
     * write is removed by the next write.
     */
    @Test
    void should_keep_training_when_a_checkpoint_write_fails_and_clean_stale_temporaries(@TempDir Path root) throws IOException {
        Path dir = root.resolve("checkpoints");
        Path aside = root.resolve("aside");
        Files.createDirectories(dir);
        Path stale = dir.resolve(".checkpoint-000000002.zip4242.tmp");
        Files.write(stale, new byte[] {1, 2, 3});
        TrainedGan straight = smallGan(10).build().fit();
        TrainedGan interrupted = smallGan(10).checkpoints(dir, 2, 10).listener(new org.gan4j.TrainingListener() {
            @Override
            public void onStepEnd(org.gan4j.TrainingView view, org.gan4j.StepResult result) {
                try {
                    if (result.step() == 3) {
                        Files.move(dir, aside);
                        Files.write(dir, new byte[0]);
                    } else if (result.step() == 6) {
                        Files.delete(dir);
                        Files.move(aside, dir);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }).build().fit();
        assertThat(interrupted.history().steps()).isEqualTo(straight.history().steps());
        assertThat(stale).doesNotExist();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly(
                    "checkpoint-000000002.zip", "checkpoint-000000006.zip", "checkpoint-000000008.zip",
                    "checkpoint-000000010.zip");
        }
        TrainedGan resumed = smallGan(10).build().resume(dir.resolve("checkpoint-000000006.zip"));
        assertThat(resumed.history().steps()).isEqualTo(straight.history().steps());
        assertThat(resumed.sample(3).data().asFloat()).containsExactly(straight.sample(3).data().asFloat());
    }

    private static Path checkpoint(Path dir) {
        smallGan(6).checkpoints(dir, 6, 1).build().fit();
        return dir.resolve("checkpoint-000000006.zip");
    }

    private static byte[] rewriteManifest(byte[] archive, String from, String to) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(archive));
             ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                byte[] content = in.readAllBytes();
                if (e.getName().equals(Checkpoint.MANIFEST)) {
                    String text = new String(content, StandardCharsets.UTF_8);
                    assertThat(text).contains(from);
                    content = text.replace(from, to).getBytes(StandardCharsets.UTF_8);
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(content);
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
