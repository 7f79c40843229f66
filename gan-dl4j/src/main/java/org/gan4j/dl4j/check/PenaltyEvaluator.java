package org.gan4j.dl4j.check;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.gan4j.Discriminator;
import org.gan4j.dl4j.internal.graph.GraphParameters;
import org.gan4j.dl4j.internal.graph.GraphPenaltyInputs;
import org.gan4j.dl4j.Execution;
import org.gan4j.dl4j.internal.graph.NetworkCompiler;
import org.gan4j.dl4j.internal.graph.ParameterStore;
import org.gan4j.dl4j.internal.exec.ExecutionPlan;
import org.gan4j.loss.DiscriminatorPenalty;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Evaluates any {@link DiscriminatorPenalty}, built-in or user-written, on a given critic, weights and batches, in
 * double precision: the penalty's value and its gradient with respect to every critic weight. Meant for unit tests
 * (finite-difference checks, closed forms) without a training loop.
 *
 * <pre>{@code
 * Discriminator critic = Discriminator.builder().input(4).dense(1).build();
 * Map<String, INDArray> w = Map.of("D/0_dense/W", Nd4j.valueArrayOf(new long[] {4, 1}, 2.0),
 *                                  "D/0_dense/b", Nd4j.zeros(1));
 * PenaltyEvaluator.Result r = PenaltyEvaluator.evaluate(new GradientPenalty(1.0), critic, w, real, fake, alpha);
 * r.value();   // 9.0: the gradient of D(x) = 2·Σx has norm 4, and (4 − 1)² = 9
 * }</pre>
 *
 * @since 0.1.0
 */
public final class PenaltyEvaluator {
    private static final String REAL = "real";
    private static final String FAKE = "fake";
    private static final String ALPHA = "alpha";

    private PenaltyEvaluator() {
    }

    /**
     * The penalty on one batch.
     *
     * @param value     the penalty
     * @param weights   the critic's weights used, by name ({@code D/<layer index>_<layer kind>/W} and so on)
     * @param gradients the penalty's gradient with respect to each weight
     */
    public record Result(double value, Map<String, INDArray> weights, Map<String, INDArray> gradients) {
    }

    /**
     * Evaluates a penalty.
     *
     * @param penalty              the penalty
     * @param critic               the critic, built from layers
     * @param weights              the critic's weights by name, or null to initialise them from the spec with seed 0;
     *                             names not given keep their initial values
     * @param real                 real batch [n, sample shape...]
     * @param fake                 generated batch, same shape
     * @param interpolationWeights per-sample weights [n, 1, ..., 1] in [0, 1] handed to the penalty
     * @return the value and the gradients
     */
    public static Result evaluate(DiscriminatorPenalty penalty, Discriminator critic, Map<String, INDArray> weights,
                                  INDArray real, INDArray fake, INDArray interpolationWeights) {
        Objects.requireNonNull(penalty, "penalty == null");
        Objects.requireNonNull(critic, "critic == null");
        Objects.requireNonNull(real, "real == null");
        Objects.requireNonNull(fake, "fake == null");
        Objects.requireNonNull(interpolationWeights, "interpolationWeights == null");
        long n = real.size(0);
        long[] sampleShape = critic.inputShape().withBatch(n);
        if (!java.util.Arrays.equals(real.shape(), sampleShape) || !java.util.Arrays.equals(fake.shape(), sampleShape)) {
            throw new IllegalArgumentException("real and fake must have shape " + java.util.Arrays.toString(sampleShape)
                    + " but were " + java.util.Arrays.toString(real.shape()) + " and " + java.util.Arrays.toString(fake.shape()));
        }
        long[] alphaShape = GraphPenaltyInputs.weightShape(critic.inputShape(), n);
        if (!java.util.Arrays.equals(interpolationWeights.shape(), alphaShape)) {
            throw new IllegalArgumentException("interpolationWeights must have shape " + java.util.Arrays.toString(alphaShape)
                    + " but was " + java.util.Arrays.toString(interpolationWeights.shape()));
        }
        SameDiff graph = SameDiff.create();
        SDVariable r = graph.placeHolder(REAL, DataType.DOUBLE, sampleShape);
        SDVariable f = graph.placeHolder(FAKE, DataType.DOUBLE, sampleShape);
        SDVariable a = graph.placeHolder(ALPHA, DataType.DOUBLE, alphaShape);
        ParameterStore store = new ParameterStore("D", Nd4j.getRandomFactory().getNewRandomInstance(0), DataType.DOUBLE);
        NetworkCompiler compiler = new NetworkCompiler(critic.body(), critic.inputShape(), critic.weightInit(), DataType.DOUBLE,
                Execution.COMPILED);
        GraphPenaltyInputs inputs = new GraphPenaltyInputs(compiler, new GraphParameters(graph, store), r, f, a,
                critic.inputShape(), n, DataType.DOUBLE);
        String name = penalty.penalty(graph, inputs).name();
        if (weights != null) {
            weights.forEach((key, value) -> {
                INDArray target = store.parameters().get(key);
                if (target == null) {
                    throw new IllegalArgumentException("critic has no weight named " + key + "; its weights are "
                            + store.parameters().keySet());
                }
                target.assign(value.castTo(DataType.DOUBLE));
            });
        }
        graph.setLossVariables(name);
        OutAndGrad out = ExecutionPlan.outputsAndGradients(graph, Map.of(REAL, real.castTo(DataType.DOUBLE),
                FAKE, fake.castTo(DataType.DOUBLE), ALPHA, interpolationWeights.castTo(DataType.DOUBLE)),
                List.of(name), store.parameters().keySet());
        Map<String, INDArray> used = new LinkedHashMap<>();
        store.parameters().forEach((k, v) -> used.put(k, v.dup()));
        Map<String, INDArray> gradients = new LinkedHashMap<>();
        store.parameters().keySet().forEach(k -> gradients.put(k, out.getGradients().containsKey(k)
                ? out.getGradients().get(k) : Nd4j.zeros(DataType.DOUBLE, store.parameters().get(k).shape())));
        return new Result(out.getOutputs().get(name).getDouble(0), used, gradients);
    }
}
