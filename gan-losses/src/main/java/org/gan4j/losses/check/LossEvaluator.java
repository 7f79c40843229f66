package org.gan4j.losses.check;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.gan4j.loss.GanLoss;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Evaluates any {@link GanLoss} on given discriminator scores, in double precision, without building a network:
 * the two loss values and their gradients with respect to the scores. Meant for unit tests of built-in and
 * user-written losses.
 *
 * <pre>{@code
 * LossEvaluator.Result r = LossEvaluator.evaluate(new NonSaturatingLoss(),
 *         new double[] {-5.0, 1.4, 12.5, 2.7}, new double[] {10.0, 4.4, -5.5, 3.6});
 * r.discriminatorLoss();                  // 5.83387...
 * r.discriminatorGradientWrtFake()[0];    // ∂L_D/∂s_fake[0]
 * }</pre>
 *
 * @since 0.1.0
 */
public final class LossEvaluator {
    private static final String REAL = "real";
    private static final String FAKE = "fake";

    private LossEvaluator() {
    }

    /**
     * The loss values and gradients on one batch of scores.
     *
     * @param discriminatorLoss          L_D
     * @param generatorLoss              L_G
     * @param discriminatorGradientWrtReal ∂L_D/∂s_real, one value per sample
     * @param discriminatorGradientWrtFake ∂L_D/∂s_fake, one value per sample
     * @param generatorGradientWrtFake     ∂L_G/∂s_fake, one value per sample
     */
    public record Result(double discriminatorLoss, double generatorLoss, double[] discriminatorGradientWrtReal,
                         double[] discriminatorGradientWrtFake, double[] generatorGradientWrtFake) {
    }

    /**
     * Evaluates a loss on real and fake scores (logits), one per sample.
     *
     * @param loss       the loss
     * @param realLogits D(x) for a batch of real samples
     * @param fakeLogits D(G(z)) for a batch of generated samples, same length
     * @return the values and gradients
     */
    public static Result evaluate(GanLoss loss, double[] realLogits, double[] fakeLogits) {
        Objects.requireNonNull(loss, "loss == null");
        Objects.requireNonNull(realLogits, "realLogits == null");
        Objects.requireNonNull(fakeLogits, "fakeLogits == null");
        if (realLogits.length == 0 || realLogits.length != fakeLogits.length) {
            throw new IllegalArgumentException("realLogits and fakeLogits must be non-empty and of equal length but had "
                    + realLogits.length + " and " + fakeLogits.length);
        }
        INDArray real = Nd4j.create(realLogits, new long[] {realLogits.length, 1}, DataType.DOUBLE);
        INDArray fake = Nd4j.create(fakeLogits, new long[] {fakeLogits.length, 1}, DataType.DOUBLE);

        SameDiff d = SameDiff.create();
        SDVariable dReal = d.placeHolder(REAL, DataType.DOUBLE, realLogits.length, 1);
        SDVariable dFake = d.placeHolder(FAKE, DataType.DOUBLE, fakeLogits.length, 1);
        String dLoss = loss.discriminatorLoss(d, dReal, dFake).name();
        OutAndGrad dOut = run(d, dLoss, Map.of(REAL, real, FAKE, fake), REAL, FAKE);

        SameDiff g = SameDiff.create();
        SDVariable gFake = g.placeHolder(FAKE, DataType.DOUBLE, fakeLogits.length, 1);
        String gLoss = loss.generatorLoss(g, gFake).name();
        OutAndGrad gOut = run(g, gLoss, Map.of(FAKE, fake), FAKE);

        return new Result(dOut.getOutputs().get(dLoss).getDouble(0), gOut.getOutputs().get(gLoss).getDouble(0),
                vector(dOut, REAL, realLogits.length), vector(dOut, FAKE, fakeLogits.length),
                vector(gOut, FAKE, fakeLogits.length));
    }

    private static OutAndGrad run(SameDiff graph, String lossName, Map<String, INDArray> feed, String... wrt) {
        graph.setLossVariables(lossName);
        PrintStream out = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            graph.createGradFunction(wrt);
        } finally {
            System.setOut(out);
        }
        return graph.calculateGradientsAndOutputs(feed, List.of(lossName), List.of(wrt));
    }

    private static double[] vector(OutAndGrad result, String name, int n) {
        INDArray g = result.getGradients().get(name);
        return g == null ? new double[n] : g.castTo(DataType.DOUBLE).reshape(n).toDoubleVector();
    }
}
