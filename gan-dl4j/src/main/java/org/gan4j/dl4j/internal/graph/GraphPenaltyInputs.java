package org.gan4j.dl4j.internal.graph;

import org.gan4j.Shape;
import org.gan4j.loss.CriticGradient;
import org.gan4j.loss.PenaltyInputs;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.buffer.DataType;

/** {@link PenaltyInputs} over a discriminator-phase graph: the critic shares the graph's discriminator variables. */
public final class GraphPenaltyInputs implements PenaltyInputs {
    private final NetworkCompiler critic;
    private final GraphParameters params;
    private final SDVariable real;
    private final SDVariable fake;
    private final Shape sampleShape;
    private final long batch;
    private final DataType dataType;
    private SDVariable interpolationWeights;
    private SDVariable condition;
    private int classes;

    /**
     * @param critic               the discriminator's compiler
     * @param params               the discriminator's variables in the graph
     * @param real                 the real batch
     * @param fake                 the generated batch
     * @param interpolationWeights U[0, 1] weights [batch, 1, ..., 1], or null to draw them in the graph
     * @param sampleShape          the shape of one sample
     * @param batch                the batch size
     * @param dataType             the graph's floating-point type
     */
    public GraphPenaltyInputs(NetworkCompiler critic, GraphParameters params, SDVariable real, SDVariable fake,
                              SDVariable interpolationWeights, Shape sampleShape, long batch, DataType dataType) {
        this.critic = critic;
        this.params = params;
        this.real = real;
        this.fake = fake;
        this.interpolationWeights = interpolationWeights;
        this.sampleShape = sampleShape;
        this.batch = batch;
        this.dataType = dataType;
    }

    /**
     * @param sampleShape the shape of one sample
     * @param batch       the batch size
     * @return the shape of per-sample weights that broadcast over a batch: [batch, 1, ..., 1]
     */
    public static long[] weightShape(Shape sampleShape, long batch) {
        long[] shape = new long[sampleShape.rank() + 1];
        java.util.Arrays.fill(shape, 1);
        shape[0] = batch;
        return shape;
    }

    @Override
    public Shape sampleShape() {
        return sampleShape;
    }

    @Override
    public SDVariable real() {
        return real;
    }

    @Override
    public SDVariable fake() {
        return fake;
    }

    @Override
    public SDVariable interpolationWeights() {
        if (interpolationWeights == null) {
            interpolationWeights = params.graph().random.uniform(0.0, 1.0, dataType, weightShape(sampleShape, batch));
        }
        return interpolationWeights;
    }

    /**
     * Makes the critic conditional: every input it is asked about is joined with these classes (the real batch's),
     * and the input gradient is that with respect to the sample part alone.
     *
     * @param oneHot  the classes [batch, classes]
     * @param count   the number of classes
     * @return this
     */
    public GraphPenaltyInputs conditionedOn(SDVariable oneHot, int count) {
        this.condition = oneHot;
        this.classes = count;
        return this;
    }

    @Override
    public CriticGradient critic(SDVariable x) {
        if (condition == null) {
            return critic.compileWithInputGradient(params, x, batch);
        }
        SDVariable joined = Conditioning.discriminatorInput(params.graph(), x, condition, sampleShape, classes, dataType);
        CriticGradient full = critic.compileWithInputGradient(params, joined, batch);
        return new CriticGradient(full.scores(), Conditioning.samplePart(full.inputGradient(), sampleShape));
    }
}
