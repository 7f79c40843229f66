package org.gan4j.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzzing of {@link IdxImages#read(java.io.InputStream, String)}: 300 raw and 300 gzip IDX files mutated at the
 * byte level (flips, random runs, truncations, appended junk, header fields set to random 32-bit values). Each must
 * be refused with an {@link IllegalArgumentException} (malformed content) or an {@link IOException} (a damaged gzip
 * stream), or read as images whose pixel count matches the header — no other exception, no out-of-memory. A longer
 * run: {@code -Dgan4j.fuzz.cases=100000}.
 */
class IdxFuzzTest {
    private static final int CASES = Integer.getInteger("gan4j.fuzz.cases", 300);

    @Test
    void should_refuse_or_read_consistently_every_mutated_file() throws IOException {
        byte[] raw = IdxImagesTest.idxImages(5, 7, 6, 0);
        byte[] gz = IdxImagesTest.gzip(raw);
        SplittableRandom random = new SplittableRandom(11);
        List<String> failures = new ArrayList<>();
        int refused = 0;
        for (int c = 0; c < 2 * CASES; c++) {
            byte[] source = c % 2 == 0 ? raw : gz;
            byte[] bad = random.nextInt(5) == 0 ? lieInHeader(raw, random) : mutate(source, random);
            try {
                IdxImages images = IdxImages.read(new ByteArrayInputStream(bad), "case " + c);
                long pixels = (long) images.count() * images.imageShape().size();
                if (images.scaledToZeroOne().length != pixels) {
                    failures.add("case " + c + ": pixel count differs from the header's");
                }
            } catch (IllegalArgumentException | IOException e) {
                refused++;
            } catch (RuntimeException | Error e) {
                failures.add("case " + c + ": " + e);
            }
        }
        assertThat(failures).isEmpty();
        assertThat(refused).isGreaterThan(CASES / 2);
    }

    static byte[] lieInHeader(byte[] raw, SplittableRandom random) {
        byte[] bad = raw.clone();
        java.nio.ByteBuffer.wrap(bad).putInt(4 * (1 + random.nextInt(3)), random.nextInt());
        return bad;
    }

    static byte[] mutate(byte[] good, SplittableRandom random) {
        byte[] bad;
        switch (random.nextInt(4)) {
            case 0:
                bad = good.clone();
                bad[random.nextInt(bad.length)] ^= (byte) (1 << random.nextInt(8));
                return bad;
            case 1:
                bad = good.clone();
                int at = random.nextInt(bad.length);
                for (int i = at; i < Math.min(bad.length, at + 1 + random.nextInt(32)); i++) {
                    bad[i] = (byte) random.nextInt(256);
                }
                return bad;
            case 2:
                return Arrays.copyOf(good, random.nextInt(good.length));
            default:
                bad = Arrays.copyOf(good, good.length + 1 + random.nextInt(64));
                for (int i = good.length; i < bad.length; i++) {
                    bad[i] = (byte) random.nextInt(256);
                }
                return bad;
        }
    }
}
