package org.gan4j.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Moments and Inception-Score sums computed on parts of a set and merged in part order, against the single-machine
 * computation on the whole set (FeatureStatistics, FrechetDistance, InceptionScore).
 */
class MergeableMetricsTest {

    private static INDArray randomMatrix(long seed, int rows, int columns, double scale) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] v = new double[rows * columns];
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextGaussian() * scale + (i % columns) * 0.1;
        }
        return Nd4j.create(v, new long[] {rows, columns}, DataType.FLOAT);
    }

    /** @return part boundaries: `parts` consecutive ranges of random sizes (some empty) covering [0, n) */
    private static List<long[]> parts(int n, int parts, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Long> cuts = new ArrayList<>(List.of(0L, (long) n));
        for (int i = 1; i < parts; i++) {
            cuts.add(i == 1 ? cuts.get(0) : random.nextLong(n + 1));
        }
        cuts.sort(Long::compare);
        List<long[]> ranges = new ArrayList<>();
        for (int i = 0; i + 1 < cuts.size(); i++) {
            ranges.add(new long[] {cuts.get(i), cuts.get(i + 1)});
        }
        return ranges;
    }

    @ParameterizedTest(name = "{0} parts")
    @ValueSource(ints = {1, 3, 7})
    void merged_moments_should_equal_the_whole_sets_statistics_and_fid(int count) {
        INDArray features = randomMatrix(1, 1000, 16, 2.0);
        INDArray other = randomMatrix(2, 700, 16, 1.5);
        FeatureMoments merged = FeatureMoments.empty(16);
        for (long[] r : parts(1000, count, 5)) {
            FeatureStatistics part = new FeatureStatistics(16).add(features.get(NDArrayIndex.interval(r[0], r[1])));
            merged = merged.merge(FeatureMoments.of(part));
        }
        FeatureStatistics whole = FeatureStatistics.of(features);
        FeatureStatistics fromParts = merged.statistics();
        assertThat(fromParts.count()).isEqualTo(1000);
        double[] m1 = whole.mean().data().asDouble();
        double[] m2 = fromParts.mean().data().asDouble();
        for (int j = 0; j < 16; j++) {
            assertThat(m2[j]).isCloseTo(m1[j], within(1e-12));
        }
        double[] c1 = whole.covariance().data().asDouble();
        double[] c2 = fromParts.covariance().data().asDouble();
        for (int j = 0; j < c1.length; j++) {
            assertThat(c2[j]).isCloseTo(c1[j], within(1e-12));
        }
        FeatureStatistics reference = FeatureStatistics.of(other);
        double fid = FrechetDistance.between(whole, reference).fid();
        assertThat(FrechetDistance.between(fromParts, reference).fid()).isCloseTo(fid, within(1e-9 * fid));
    }

    @ParameterizedTest(name = "{0} parts")
    @ValueSource(ints = {1, 3, 7})
    void merged_inception_score_sums_should_equal_the_whole_sets_score(int count) {
        INDArray logits = randomMatrix(3, 997, 10, 3.0);
        InceptionScoreSums merged = null;
        for (long[] r : parts(997, count, 9)) {
            InceptionScoreSums part = InceptionScoreSums.of(logits.get(NDArrayIndex.interval(r[0], r[1])), r[0], 997, 10);
            merged = merged == null ? part : merged.merge(part);
        }
        IsResult whole = InceptionScore.fromLogits(logits, 10);
        IsResult fromParts = merged.result();
        assertThat(fromParts.mean()).isCloseTo(whole.mean(), within(1e-12 * whole.mean()));
        assertThat(fromParts.std()).isCloseTo(whole.std(), within(1e-9 * whole.std()));
        for (int s = 0; s < 10; s++) {
            assertThat(fromParts.splitScores()[s]).isCloseTo(whole.splitScores()[s], within(1e-12 * whole.mean()));
        }
    }

    @Test
    void should_place_every_row_in_the_split_the_single_machine_protocol_gives_it() {
        for (int n : new int[] {10, 11, 97, 1000, 1003}) {
            for (int k : new int[] {1, 3, 7, 10}) {
                for (int s = 0; s < k; s++) {
                    for (long i = (long) s * n / k; i < (long) (s + 1) * n / k; i++) {
                        assertThat(InceptionScoreSums.split(i, n, k)).as("row %d of %d, %d splits", i, n, k).isEqualTo(s);
                    }
                }
            }
        }
    }

    @Test
    void should_refuse_incomplete_or_mismatched_parts() {
        INDArray logits = randomMatrix(4, 20, 5, 1.0);
        InceptionScoreSums first = InceptionScoreSums.of(logits.get(NDArrayIndex.interval(0, 10)), 0, 20, 4);
        assertThatThrownBy(first::result).isInstanceOf(IllegalStateException.class)
                .hasMessage("the sums hold 10 of the set's 20 rows");
        assertThatThrownBy(() -> first.merge(InceptionScoreSums.of(logits, 0, 20, 5)))
                .hasMessage("sums of a set of 20 rows, 5 splits, 5 classes cannot merge with sums of 20 rows, 4 splits, 5 classes");
        assertThatThrownBy(() -> InceptionScoreSums.of(logits, 5, 20, 4))
                .hasMessage("rows 5..24 must lie in the set of 20 (firstIndex >= 0, firstIndex + rows <= total)");
        assertThatThrownBy(() -> FeatureMoments.empty(3).merge(FeatureMoments.empty(4)))
                .hasMessage("moments of dimension 4 cannot merge with moments of dimension 3");
        assertThatThrownBy(() -> new FeatureMoments(2, new double[2], new double[3]))
                .hasMessage("mean must have length d >= 1 and coMoment d * d but had 2 and 3");
    }
}
