package org.gan4j.dl4j.internal.graph;

import java.util.ArrayList;
import java.util.List;
import org.gan4j.Discriminator;
import org.gan4j.Translator;
import org.gan4j.dl4j.Execution;
import org.gan4j.dl4j.internal.graph.NetworkCompiler.Compiled;
import org.gan4j.dl4j.internal.graph.NetworkCompiler.Mode;
import org.gan4j.loss.GanLoss;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The two training graphs of a CycleGAN, built once over the four networks' shared stores:
 * <ul>
 *   <li>the generator phase, placeholders {@value #X} and {@value #Y}: G(x), F(G(x)), F(y), G(F(y)) and
 *       L = L_G(D_Y(G(x))) + L_G(D_X(F(y))) + λ·(mean|F(G(x)) − x| + mean|G(F(y)) − y|)
 *       + λ_id·(mean|G(y) − y| + mean|F(x) − x|), trained for the parameters of G and F; it also outputs the
 *       translations {@value #FAKE_Y} and {@value #FAKE_X} for the discriminators;</li>
 *   <li>the discriminator phase, placeholders {@value #X}, {@value #Y}, {@value #FAKE_X}, {@value #FAKE_Y}:
 *       L = L_D(D_X(x), D_X(fake x)) + L_D(D_Y(y), D_Y(fake y)), trained for the parameters of D_X and D_Y (each
 *       gets the gradient of its own half).</li>
 * </ul>
 *
 * @param generatorGraph       the generator-phase graph
 * @param generatorUpdates     running-statistic updates of G and F (for networks with batch norm)
 * @param discriminatorGraph   the discriminator-phase graph
 * @param discriminatorUpdates running-statistic updates of D_X and D_Y
 */
public record CycleGanGraphs(SameDiff generatorGraph, List<BatchNormUpdate> generatorUpdates,
                             SameDiff discriminatorGraph, List<BatchNormUpdate> discriminatorUpdates) {
    /** Placeholder: a batch of domain X. */
    public static final String X = "x";
    /** Placeholder: a batch of domain Y. */
    public static final String Y = "y";
    /** Output of the generator phase, placeholder of the discriminator phase: translations F(y) into X. */
    public static final String FAKE_X = "fake_x";
    /** Output of the generator phase, placeholder of the discriminator phase: translations G(x) into Y. */
    public static final String FAKE_Y = "fake_y";
    /** The generator phase's total loss. */
    public static final String GENERATOR_LOSS = "generator_loss";
    /** L_G(D_Y(G(x))). */
    public static final String ADVERSARIAL_XY = "adversarial_xy";
    /** L_G(D_X(F(y))). */
    public static final String ADVERSARIAL_YX = "adversarial_yx";
    /** mean |F(G(x)) − x|. */
    public static final String CYCLE_X = "cycle_x";
    /** mean |G(F(y)) − y|. */
    public static final String CYCLE_Y = "cycle_y";
    /** mean |G(y) − y| + mean |F(x) − x| (absent when the identity weight is 0). */
    public static final String IDENTITY = "identity";
    /** The discriminator phase's total loss. */
    public static final String DISCRIMINATOR_LOSS = "discriminator_loss";
    /** L_D(D_X(x), D_X(fake x)). */
    public static final String DISCRIMINATOR_X = "discriminator_x";
    /** L_D(D_Y(y), D_Y(fake y)). */
    public static final String DISCRIMINATOR_Y = "discriminator_y";

    /**
     * The four networks of a CycleGAN with their stores.
     *
     * @param g      G: X → Y
     * @param f      F: Y → X
     * @param dx     D_X
     * @param dy     D_Y
     * @param gStore G's arrays
     * @param fStore F's arrays
     * @param dxStore D_X's arrays
     * @param dyStore D_Y's arrays
     */
    public record Networks(Translator g, Translator f, Discriminator dx, Discriminator dy,
                           ParameterStore gStore, ParameterStore fStore, ParameterStore dxStore, ParameterStore dyStore) {
    }

    /**
     * Builds both graphs. Parameters are created on first use: G, F, D_Y, D_X.
     *
     * @param n              the networks
     * @param loss           the adversarial loss
     * @param cycleWeight    λ
     * @param identityWeight λ_id (0: no identity term)
     * @param batch          the batch size
     * @param dataType       FLOAT for training, DOUBLE for gradient checks
     * @param execution      which ops the graphs may use
     * @return the graphs
     */
    public static CycleGanGraphs build(Networks n, GanLoss loss, double cycleWeight, double identityWeight, int batch,
                                       DataType dataType, Execution execution) {
        NetworkCompiler g = new NetworkCompiler(n.g().body(), n.g().inputShape(), n.g().weightInit(), dataType, execution);
        NetworkCompiler f = new NetworkCompiler(n.f().body(), n.f().inputShape(), n.f().weightInit(), dataType, execution);
        NetworkCompiler dx = new NetworkCompiler(n.dx().body(), n.dx().inputShape(), n.dx().weightInit(), dataType, execution);
        NetworkCompiler dy = new NetworkCompiler(n.dy().body(), n.dy().inputShape(), n.dy().weightInit(), dataType, execution);

        SameDiff gGraph = SameDiff.create();
        SDVariable x = gGraph.placeHolder(X, dataType, n.g().inputShape().withBatch(batch));
        SDVariable y = gGraph.placeHolder(Y, dataType, n.f().inputShape().withBatch(batch));
        GraphParameters gParams = new GraphParameters(gGraph, n.gStore());
        GraphParameters fParams = new GraphParameters(gGraph, n.fStore());
        List<BatchNormUpdate> gUpdates = new ArrayList<>();
        SDVariable fakeY = collect(g.compile(gParams, x, Mode.TRAINING, batch), gUpdates);
        SDVariable recX = collect(f.compile(fParams, fakeY, Mode.TRAINING, batch), gUpdates);
        SDVariable fakeX = collect(f.compile(fParams, y, Mode.TRAINING, batch), gUpdates);
        SDVariable recY = collect(g.compile(gParams, fakeX, Mode.TRAINING, batch), gUpdates);
        gGraph.identity(FAKE_Y, fakeY);
        gGraph.identity(FAKE_X, fakeX);
        SDVariable scoresY = dy.compile(new GraphParameters(gGraph, n.dyStore()), fakeY, Mode.TRAINING, batch).output();
        SDVariable scoresX = dx.compile(new GraphParameters(gGraph, n.dxStore()), fakeX, Mode.TRAINING, batch).output();
        SDVariable advXY = gGraph.identity(ADVERSARIAL_XY, loss.generatorLoss(gGraph, scoresY));
        SDVariable advYX = gGraph.identity(ADVERSARIAL_YX, loss.generatorLoss(gGraph, scoresX));
        SDVariable cycleX = gGraph.identity(CYCLE_X, meanAbsoluteError(gGraph, recX, x));
        SDVariable cycleY = gGraph.identity(CYCLE_Y, meanAbsoluteError(gGraph, recY, y));
        SDVariable total = advXY.add(advYX).add(cycleX.add(cycleY).mul(cycleWeight));
        if (identityWeight > 0) {
            SDVariable idY = collect(g.compile(gParams, y, Mode.TRAINING, batch), gUpdates);
            SDVariable idX = collect(f.compile(fParams, x, Mode.TRAINING, batch), gUpdates);
            SDVariable identity = gGraph.identity(IDENTITY,
                    meanAbsoluteError(gGraph, idY, y).add(meanAbsoluteError(gGraph, idX, x)));
            total = total.add(identity.mul(identityWeight));
        }
        gGraph.identity(GENERATOR_LOSS, total);
        gGraph.setLossVariables(GENERATOR_LOSS);

        SameDiff dGraph = SameDiff.create();
        SDVariable realX = dGraph.placeHolder(X, dataType, n.dx().inputShape().withBatch(batch));
        SDVariable realY = dGraph.placeHolder(Y, dataType, n.dy().inputShape().withBatch(batch));
        SDVariable fakeXIn = dGraph.placeHolder(FAKE_X, dataType, n.dx().inputShape().withBatch(batch));
        SDVariable fakeYIn = dGraph.placeHolder(FAKE_Y, dataType, n.dy().inputShape().withBatch(batch));
        List<BatchNormUpdate> dUpdates = new ArrayList<>();
        GraphParameters dyParams = new GraphParameters(dGraph, n.dyStore());
        GraphParameters dxParams = new GraphParameters(dGraph, n.dxStore());
        SDVariable lossY = dGraph.identity(DISCRIMINATOR_Y, loss.discriminatorLoss(dGraph,
                collect(dy.compile(dyParams, realY, Mode.TRAINING, batch), dUpdates),
                collect(dy.compile(dyParams, fakeYIn, Mode.TRAINING, batch), dUpdates)));
        SDVariable lossX = dGraph.identity(DISCRIMINATOR_X, loss.discriminatorLoss(dGraph,
                collect(dx.compile(dxParams, realX, Mode.TRAINING, batch), dUpdates),
                collect(dx.compile(dxParams, fakeXIn, Mode.TRAINING, batch), dUpdates)));
        dGraph.identity(DISCRIMINATOR_LOSS, lossX.add(lossY));
        dGraph.setLossVariables(DISCRIMINATOR_LOSS);
        return new CycleGanGraphs(gGraph, gUpdates, dGraph, dUpdates);
    }

    /**
     * Builds a translator's inference graph: placeholder {@code inputName} [n, input shape...], output
     * {@code outputName}; batch norm on running statistics, no dropout.
     *
     * @param translator the network
     * @param params     its store
     * @param inputName  the placeholder's name
     * @param outputName the output's name
     * @return the graph
     */
    public static SameDiff inference(Translator translator, ParameterStore params, String inputName, String outputName) {
        return inference(translator, params, inputName, outputName, false);
    }

    /**
     * @param translator the network
     * @param params     its store
     * @param inputName  the placeholder's name
     * @param outputName the output's name
     * @param fused      true for a graph that only compiled plans run (see {@link NetworkCompiler#forInference})
     * @return the translator's inference graph
     */
    public static SameDiff inference(Translator translator, ParameterStore params, String inputName, String outputName,
                                     boolean fused) {
        SameDiff graph = SameDiff.create();
        SDVariable in = graph.placeHolder(inputName, DataType.FLOAT, translator.inputShape().withBatch(-1));
        NetworkCompiler c = NetworkCompiler.forInference(translator.body(), translator.inputShape(), translator.weightInit(),
                fused);
        graph.identity(outputName, c.compile(new GraphParameters(graph, params), in, Mode.INFERENCE, -1).output());
        return graph;
    }

    private static SDVariable collect(Compiled compiled, List<BatchNormUpdate> updates) {
        updates.addAll(compiled.batchNormUpdates());
        return compiled.output();
    }

    private static SDVariable meanAbsoluteError(SameDiff graph, SDVariable a, SDVariable b) {
        return graph.math.abs(a.sub(b)).mean();
    }
}
