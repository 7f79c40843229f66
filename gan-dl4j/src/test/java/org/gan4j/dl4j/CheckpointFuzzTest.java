package org.gan4j.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Seeded fuzzing of {@link Checkpoint#read}: 300 archives mutated at the byte level (flips, runs of random bytes,
 * truncations, appended junk) must each be refused with an {@link IllegalArgumentException} or read with every array
 * identical to the original's (a flip the zip format ignores); 150 archives whose {@code .npy} entries are mutated and
 * re-digested, as a crafted file would be, must be refused with an {@code IllegalArgumentException} or read — no other
 * exception, no crash, no out-of-memory. A longer run: {@code -Dgan4j.fuzz.cases=100000}.
 */
@Tag("hostile")
class CheckpointFuzzTest {
    private static final int CASES = Integer.getInteger("gan4j.fuzz.cases", 300);

    @Test
    void should_refuse_or_read_unchanged_every_mutated_archive(@TempDir Path dir) throws Exception {
        CheckpointTest.smallGan(6).checkpoints(dir, 6, 1).build().fit();
        Path original = dir.resolve("checkpoint-000000006.zip");
        byte[] good = Files.readAllBytes(original);
        Map<String, INDArray> reference = allArrays(Checkpoint.read(original));
        SplittableRandom random = new SplittableRandom(20261130);
        Path mutant = dir.resolve("mutant.zip");
        int refused = 0;
        List<String> failures = new ArrayList<>();
        for (int c = 0; c < CASES; c++) {
            byte[] bad = mutate(good, random);
            Files.write(mutant, bad);
            try {
                Map<String, INDArray> read = allArrays(Checkpoint.read(mutant));
                if (!read.equals(reference)) {
                    failures.add("case " + c + ": a mutated archive read with different arrays");
                }
            } catch (IllegalArgumentException e) {
                refused++;
            } catch (RuntimeException | Error e) {
                failures.add("case " + c + ": " + e);
            }
        }
        assertThat(failures).isEmpty();
        assertThat(refused).as("mutants refused of %d", CASES).isGreaterThan(CASES / 2);
    }

    @Test
    void should_refuse_or_read_every_redigested_array_mutation(@TempDir Path dir) throws Exception {
        CheckpointTest.smallGan(6).checkpoints(dir, 6, 1).build().fit();
        Map<String, byte[]> entries = HostileFilesTest.entries(dir.resolve("checkpoint-000000006.zip"));
        List<String> arrays = entries.keySet().stream().filter(n -> n.endsWith(".npy")).toList();
        SplittableRandom random = new SplittableRandom(7);
        Path mutant = dir.resolve("mutant.zip");
        List<String> failures = new ArrayList<>();
        int cases = Math.max(1, CASES / 2);
        for (int c = 0; c < cases; c++) {
            Map<String, byte[]> copy = new LinkedHashMap<>(entries);
            String victim = arrays.get(random.nextInt(arrays.size()));
            byte[] npy = copy.get(victim);
            // mostly the 128-byte header, where the lies are
            byte[] bad = random.nextInt(4) == 0 ? mutate(npy, random) : flipIn(npy, 0, Math.min(128, npy.length), random);
            copy.put(victim, bad);
            HostileFilesTest.writeRedigested(copy, mutant);
            try {
                Checkpoint.read(mutant);
            } catch (IllegalArgumentException e) {
                // refused: documented
            } catch (RuntimeException | Error e) {
                failures.add("case " + c + " (" + victim + "): " + e);
            }
        }
        assertThat(failures).isEmpty();
    }

    static Map<String, INDArray> allArrays(Checkpoint c) {
        Map<String, INDArray> all = new LinkedHashMap<>();
        for (String group : new String[] {"G/params", "G/state", "D/params", "D/state", "G/optimizer", "D/optimizer"}) {
            c.arrays(group).forEach((name, array) -> all.put(group + "/" + name, array));
        }
        return all;
    }

    /** One of: 1-3 flipped bytes, a run of random bytes, a truncation, appended junk. */
    static byte[] mutate(byte[] good, SplittableRandom random) {
        switch (random.nextInt(4)) {
            case 0:
                return flipIn(good, 0, good.length, random);
            case 1: {
                byte[] bad = good.clone();
                int at = random.nextInt(bad.length);
                int length = 1 + random.nextInt(Math.min(64, bad.length - at));
                for (int i = at; i < at + length; i++) {
                    bad[i] = (byte) random.nextInt(256);
                }
                return bad;
            }
            case 2:
                return Arrays.copyOf(good, random.nextInt(good.length));
            default: {
                byte[] bad = Arrays.copyOf(good, good.length + 1 + random.nextInt(256));
                for (int i = good.length; i < bad.length; i++) {
                    bad[i] = (byte) random.nextInt(256);
                }
                return bad;
            }
        }
    }

    static byte[] flipIn(byte[] good, int from, int to, SplittableRandom random) {
        byte[] bad = good.clone();
        int flips = 1 + random.nextInt(3);
        for (int f = 0; f < flips; f++) {
            bad[from + random.nextInt(to - from)] ^= (byte) (1 << random.nextInt(8));
        }
        return bad;
    }
}
