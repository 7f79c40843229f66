package org.gan4j.dl4j.internal.graph;

import java.util.ArrayList;
import java.util.List;
import org.gan4j.Discriminator;
import org.gan4j.Generator;
import org.gan4j.Shape;
import org.gan4j.dl4j.Execution;
import org.gan4j.augment.DiffAugment;
import org.gan4j.dl4j.internal.graph.NetworkCompiler.Compiled;
import org.gan4j.dl4j.internal.graph.NetworkCompiler.Mode;
import org.gan4j.loss.DiscriminatorPenalty;
import org.gan4j.loss.GanLoss;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The two training graphs of a GAN, built once over shared parameter stores:
 * <ul>
 *   <li>the discriminator phase: placeholders {@value #REAL} and {@value #LATENT}; L_D(D(real), D(G(z))) plus the
 *       penalties;</li>
 *   <li>the generator phase: placeholder {@value #LATENT}; L_G(D(G(z))).</li>
 * </ul>
 * Both run the networks in training mode (batch statistics, dropout) with a fixed batch size.
 *
 * @param discriminatorGraph   the discriminator-phase graph
 * @param discriminatorLoss    its loss variable
 * @param discriminatorUpdates the discriminator's running-statistic updates (real pass, then fake pass)
 * @param generatorGraph       the generator-phase graph
 * @param generatorLoss        its loss variable
 * @param generatorUpdates     the generator's running-statistic updates
 * @param discriminatorFake    the variable G(z) in the discriminator-phase graph
 * @param generatorFake        the variable G(z) in the generator-phase graph
 */
public record GanGraphs(SameDiff discriminatorGraph, String discriminatorLoss, List<BatchNormUpdate> discriminatorUpdates,
                        SameDiff generatorGraph, String generatorLoss, List<BatchNormUpdate> generatorUpdates,
                        String discriminatorFake, String generatorFake) {
    /** The placeholder of real samples. */
    public static final String REAL = "real";
    /** The placeholder of latent vectors. */
    public static final String LATENT = "z";
    /** The placeholder of the real samples' one-hot classes (conditional GANs). */
    public static final String REAL_LABEL = "real_label";
    /** The placeholder of the classes asked of the generator, one-hot (conditional GANs). */
    public static final String FAKE_LABEL = "fake_label";

    /**
     * Builds both graphs. Parameters are created (and initialised) on first use: the generator's, then the
     * discriminator's.
     *
     * @param generator           the generator spec
     * @param discriminator       the discriminator spec
     * @param loss                the loss
     * @param penalties           terms added to the discriminator's loss
     * @param batch               the batch size
     * @param generatorParams     the generator's store
     * @param discriminatorParams the discriminator's store
     * @param execution           which ops the graphs may use
     * @return the graphs
     */
    public static GanGraphs build(Generator generator, Discriminator discriminator, GanLoss loss,
                                  List<DiscriminatorPenalty> penalties, int batch,
                                  ParameterStore generatorParams, ParameterStore discriminatorParams,
                                  Execution execution) {
        return build(generator, discriminator, loss, penalties, null, batch, generatorParams, discriminatorParams, execution);
    }

    /**
     * Builds both graphs, the discriminator seeing augmented images when {@code augment} is given: T(x) for the real
     * and generated batches of its own phase and for the generated batch of the generator's phase, each with its own
     * parameter placeholders (prefixes {@link AugmentGraph#REAL_BATCH}, {@link AugmentGraph#FAKE_BATCH},
     * {@link AugmentGraph#GENERATED_BATCH}); penalties then see the augmented batches, and the discriminator graph also
     * outputs {@link AugmentGraph#REAL_SIGNS}, E[sign(D(T(x_real)))].
     *
     * @param generator           the generator spec
     * @param discriminator       the discriminator spec
     * @param loss                the loss
     * @param penalties           terms added to the discriminator's loss
     * @param augment             the augmentation policy, or null
     * @param batch               the batch size
     * @param generatorParams     the generator's store
     * @param discriminatorParams the discriminator's store
     * @param execution           which ops the graphs may use
     * @return the graphs
     */
    public static GanGraphs build(Generator generator, Discriminator discriminator, GanLoss loss,
                                  List<DiscriminatorPenalty> penalties, DiffAugment augment, int batch,
                                  ParameterStore generatorParams, ParameterStore discriminatorParams,
                                  Execution execution) {
        int latentSize = generator.latent().size();
        int classes = discriminator.classes();
        Shape sampleShape = discriminator.inputShape();
        NetworkCompiler g = new NetworkCompiler(generator.body(), generator.bodyInputShape(), generator.weightInit(),
                DataType.FLOAT, execution);
        NetworkCompiler d = new NetworkCompiler(discriminator.body(), discriminator.bodyInputShape(),
                discriminator.weightInit(), DataType.FLOAT, execution);

        SameDiff dGraph = SameDiff.create();
        SDVariable real = dGraph.placeHolder(REAL, DataType.FLOAT, sampleShape.withBatch(batch));
        SDVariable dz = dGraph.placeHolder(LATENT, DataType.FLOAT, batch, latentSize);
        SDVariable realLabel = classes == 0 ? null : dGraph.placeHolder(REAL_LABEL, DataType.FLOAT, batch, classes);
        SDVariable dFakeLabel = classes == 0 ? null : dGraph.placeHolder(FAKE_LABEL, DataType.FLOAT, batch, classes);
        SDVariable fake = g.compile(new GraphParameters(dGraph, generatorParams),
                classes == 0 ? dz : Conditioning.generatorInput(dGraph, dz, dFakeLabel), Mode.TRAINING, batch).output();
        GraphParameters dParams = new GraphParameters(dGraph, discriminatorParams);
        SDVariable realSeen = augment == null ? real : AugmentGraph.apply(dGraph, real, augment, AugmentGraph.REAL_BATCH, sampleShape, batch);
        SDVariable fakeSeen = augment == null ? fake : AugmentGraph.apply(dGraph, fake, augment, AugmentGraph.FAKE_BATCH, sampleShape, batch);
        Compiled realScores = d.compile(dParams, classes == 0 ? realSeen
                : Conditioning.discriminatorInput(dGraph, realSeen, realLabel, sampleShape, classes, DataType.FLOAT), Mode.TRAINING, batch);
        Compiled fakeScores = d.compile(dParams, classes == 0 ? fakeSeen
                : Conditioning.discriminatorInput(dGraph, fakeSeen, dFakeLabel, sampleShape, classes, DataType.FLOAT), Mode.TRAINING, batch);
        if (augment != null) {
            dGraph.math.sign(realScores.output()).mean().rename(AugmentGraph.REAL_SIGNS);
        }
        SDVariable dLossVar = loss.discriminatorLoss(dGraph, realScores.output(), fakeScores.output());
        if (!penalties.isEmpty()) {
            GraphPenaltyInputs inputs = new GraphPenaltyInputs(d, dParams, realSeen, fakeSeen, null, sampleShape, batch, DataType.FLOAT);
            if (classes > 0) {
                inputs.conditionedOn(realLabel, classes);
            }
            for (DiscriminatorPenalty penalty : penalties) {
                dLossVar = dLossVar.add(penalty.penalty(dGraph, inputs));
            }
        }
        String dLoss = dLossVar.name();
        List<BatchNormUpdate> dStats = new ArrayList<>(realScores.batchNormUpdates());
        dStats.addAll(fakeScores.batchNormUpdates());

        SameDiff gGraph = SameDiff.create();
        SDVariable gz = gGraph.placeHolder(LATENT, DataType.FLOAT, batch, latentSize);
        SDVariable gFakeLabel = classes == 0 ? null : gGraph.placeHolder(FAKE_LABEL, DataType.FLOAT, batch, classes);
        Compiled generated = g.compile(new GraphParameters(gGraph, generatorParams),
                classes == 0 ? gz : Conditioning.generatorInput(gGraph, gz, gFakeLabel), Mode.TRAINING, batch);
        SDVariable generatedSeen = augment == null ? generated.output()
                : AugmentGraph.apply(gGraph, generated.output(), augment, AugmentGraph.GENERATED_BATCH, sampleShape, batch);
        Compiled scores = d.compile(new GraphParameters(gGraph, discriminatorParams), classes == 0 ? generatedSeen
                : Conditioning.discriminatorInput(gGraph, generatedSeen, gFakeLabel, sampleShape, classes, DataType.FLOAT),
                Mode.TRAINING, batch);
        String gLoss = loss.generatorLoss(gGraph, scores.output()).name();
        return new GanGraphs(dGraph, dLoss, dStats, gGraph, gLoss, generated.batchNormUpdates(), fake.name(),
                generated.output().name());
    }

    /**
     * Builds the generator's inference graph: placeholder {@code latentName} [n, latent size], output
     * {@code outputName}; batch norm on running statistics, no dropout.
     *
     * @param generator  the generator spec
     * @param params     the generator's store
     * @param latentName the placeholder's name
     * @param outputName the output's name
     * @return the graph
     */
    public static SameDiff inference(Generator generator, ParameterStore params, String latentName, String outputName) {
        return inference(generator, params, latentName, outputName, false);
    }

    /**
     * @param generator  the generator spec
     * @param params     the generator's store
     * @param latentName the placeholder's name
     * @param outputName the output's name
     * @param fused      true for a graph that only compiled plans run (see {@link NetworkCompiler#forInference})
     * @return the generator's inference graph
     */
    public static SameDiff inference(Generator generator, ParameterStore params, String latentName, String outputName,
                                     boolean fused) {
        SameDiff graph = SameDiff.create();
        SDVariable z = graph.placeHolder(latentName, DataType.FLOAT, -1, generator.latent().size());
        SDVariable input = generator.classes() == 0 ? z : Conditioning.generatorInput(graph, z,
                graph.placeHolder(INFERENCE_LABEL, DataType.FLOAT, -1, generator.classes()));
        NetworkCompiler g = NetworkCompiler.forInference(generator.body(), generator.bodyInputShape(), generator.weightInit(),
                fused);
        graph.identity(outputName, g.compile(new GraphParameters(graph, params), input, Mode.INFERENCE, -1).output());
        return graph;
    }

    /** The placeholder of the one-hot classes in a conditional generator's inference graph. */
    public static final String INFERENCE_LABEL = "label";
}
