package org.gan4j.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.gan4j.dl4j.io.ModelArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A generator built from layers is saved with its spec and arrays and loaded from them alone: its SameDiff graph entry
 * can be garbage; crafted specs and weights are refused in Java; byte-level mutants are refused or load identically.
 */
@Tag("hostile")
class SafeModelFormatTest {
    @TempDir
    Path dir;
    Path saved;
    INDArray z;
    INDArray expected;

    @BeforeEach
    void save() {
        TrainedGan gan = CheckpointTest.smallGan(3).build().fit();
        saved = dir.resolve("g.zip");
        gan.save(saved);
        z = Nd4j.getRandomFactory().getNewRandomInstance(1).nextGaussian(new long[] {4, gan.generator().latent().size()})
                .castTo(DataType.FLOAT);
        expected = gan.sample(z);
    }

    @Test
    void should_load_from_the_spec_without_reading_the_samediff_graph() throws Exception {
        Map<String, byte[]> entries = HostileFilesTest.entries(saved);
        assertThat(entries).containsKeys(ModelArchive.NETWORK_ENTRY, GeneratorModel.GRAPH_ENTRY);
        assertThat(entries.keySet()).anyMatch(n -> n.startsWith("weights/params/G/") && n.endsWith(".npy"));
        entries.put(GeneratorModel.GRAPH_ENTRY, "not a flat buffer at all".getBytes(StandardCharsets.US_ASCII));
        Path garbage = dir.resolve("garbage-graph.zip");
        HostileFilesTest.write(entries, garbage);
        assertThat(GeneratorModel.load(garbage).sample(z)).isEqualTo(expected);
        assertThat(GeneratorModel.load(saved).sample(z)).isEqualTo(expected);
    }

    @Test
    void should_refuse_a_spec_that_asks_for_arrays_the_file_does_not_hold() throws Exception {
        Map<String, byte[]> entries = HostileFilesTest.entries(saved);
        String json = new String(entries.get(ModelArchive.NETWORK_ENTRY), StandardCharsets.UTF_8);
        String huge = json.replaceFirst("\"units\" : \\d+", "\"units\" : 1000000000");
        entries.put(ModelArchive.NETWORK_ENTRY, huge.getBytes(StandardCharsets.UTF_8));
        Path crafted = dir.resolve("huge.zip");
        HostileFilesTest.write(entries, crafted);
        assertThatThrownBy(() -> GeneratorModel.load(crafted)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(crafted + " does not hold a valid network: ")
                .hasMessageEndingWith("parameter G/0_dense/W is saved with shape [5, 16] and is now asked for with shape [5, 1000000000]");

        Map<String, byte[]> unknown = HostileFilesTest.entries(saved);
        unknown.put(ModelArchive.NETWORK_ENTRY, json.replaceFirst("\"type\" : \"dense\"", "\"type\" : \"lstm\"")
                .getBytes(StandardCharsets.UTF_8));
        Path lstm = dir.resolve("lstm.zip");
        HostileFilesTest.write(unknown, lstm);
        assertThatThrownBy(() -> GeneratorModel.load(lstm)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("network.json generator.layers[0].type must be a known layer type but was 'lstm'");

        Map<String, byte[]> extra = HostileFilesTest.entries(saved);
        extra.put("weights/params/G/9_dense/W.npy", extra.entrySet().stream().filter(e -> e.getKey().endsWith(".npy"))
                .findFirst().orElseThrow().getValue());
        Path orphan = dir.resolve("orphan.zip");
        HostileFilesTest.write(extra, orphan);
        assertThatThrownBy(() -> GeneratorModel.load(orphan)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(orphan + " holds weights its network does not use: [G/9_dense/W]");
    }

    /**
     * 200 byte-level mutants of the archive, seeded: each is refused with an {@link IllegalArgumentException} or
     * loads a generator whose samples are bit-identical to the original's; nothing else (no crash: the graph entry is
     * never deserialised).
     */
    @Test
    void should_refuse_or_load_identically_every_mutated_archive() throws Exception {
        byte[] good = Files.readAllBytes(saved);
        SplittableRandom random = new SplittableRandom(3);
        Path mutant = dir.resolve("mutant.zip");
        List<String> failures = new ArrayList<>();
        int refused = 0;
        int cases = Integer.getInteger("gan4j.fuzz.cases", 200);
        for (int c = 0; c < cases; c++) {
            Files.write(mutant, CheckpointFuzzTest.mutate(good, random));
            try {
                if (!GeneratorModel.load(mutant).sample(z).equals(expected)) {
                    failures.add("case " + c + ": a mutant loaded with different samples");
                }
            } catch (IllegalArgumentException e) {
                refused++;
            } catch (RuntimeException | Error e) {
                failures.add("case " + c + ": " + e);
            }
        }
        assertThat(failures).isEmpty();
        assertThat(refused).isGreaterThan(cases / 2);
    }

}
