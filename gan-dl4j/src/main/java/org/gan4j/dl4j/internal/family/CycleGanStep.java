package org.gan4j.dl4j.internal.family;

import java.util.LinkedHashMap;
import java.util.Map;
import org.gan4j.dl4j.Execution;
import org.gan4j.dl4j.internal.data.ImagePool;
import org.gan4j.dl4j.internal.exec.PhaseGraph;
import org.gan4j.dl4j.internal.graph.CycleGanGraphs;
import org.gan4j.dl4j.internal.optim.NetworkUpdater;
import org.gan4j.optim.OptimizerSpec;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One CycleGAN training step over preallocated arrays: the generator phase on the batches {@link #x()} and
 * {@link #y()} (updating G and F with one optimizer), then the discriminator phase on the same real batches and the
 * translations of that generator pass, drawn through the image pools (updating D_X and D_Y), as in the authors'
 * implementation.
 */
public final class CycleGanStep {
    /**
     * The losses of one step, each before its update.
     *
     * @param generator      the generators' total loss
     * @param discriminator  the discriminators' total loss
     * @param adversarialXY  L_G(D_Y(G(x)))
     * @param adversarialYX  L_G(D_X(F(y)))
     * @param cycleX         mean |F(G(x)) − x|
     * @param cycleY         mean |G(F(y)) − y|
     * @param identity       mean |G(y) − y| + mean |F(x) − x|, 0 without the identity term
     * @param discriminatorX L_D of D_X
     * @param discriminatorY L_D of D_Y
     */
    public record Losses(double generator, double discriminator, double adversarialXY, double adversarialYX,
                         double cycleX, double cycleY, double identity, double discriminatorX, double discriminatorY) {
    }

    private final PhaseGraph generatorPhase;
    private final PhaseGraph discriminatorPhase;
    private final INDArray x;
    private final INDArray y;
    private final INDArray fakeX;
    private final INDArray fakeY;
    private final INDArray shownX;
    private final INDArray shownY;
    private final ImagePool poolX;
    private final ImagePool poolY;
    private final Map<String, INDArray> scalars = new LinkedHashMap<>();
    private final Map<String, INDArray> generatorFeed;
    private final Map<String, INDArray> discriminatorFeed;

    /**
     * @param graphs                 the compiled graphs
     * @param networks               the networks and their stores
     * @param generatorOptimizer     the optimizer of G and F
     * @param discriminatorOptimizer the optimizer of D_X and D_Y
     * @param steps                  the steps of the run (for learning-rate schedules)
     * @param batch                  the batch size
     * @param poolCapacity           images kept in each pool
     * @param poolSeedX              the seed of the draws of the pool of translations into X
     * @param poolSeedY              the seed of the draws of the pool of translations into Y
     * @param execution              whether the phases run from compiled plans or through SameDiff's session
     */
    public CycleGanStep(CycleGanGraphs graphs, CycleGanGraphs.Networks networks, OptimizerSpec generatorOptimizer,
                        OptimizerSpec discriminatorOptimizer, long steps, int batch, int poolCapacity, long poolSeedX,
                        long poolSeedY, Execution execution) {
        Map<String, INDArray> generatorParams = new LinkedHashMap<>(networks.gStore().parameters());
        generatorParams.putAll(networks.fStore().parameters());
        Map<String, INDArray> discriminatorParams = new LinkedHashMap<>(networks.dxStore().parameters());
        discriminatorParams.putAll(networks.dyStore().parameters());
        generatorPhase = new PhaseGraph("generators", graphs.generatorGraph(), CycleGanGraphs.GENERATOR_LOSS,
                new NetworkUpdater(generatorOptimizer, generatorParams, steps), graphs.generatorUpdates(), execution);
        discriminatorPhase = new PhaseGraph("discriminators", graphs.discriminatorGraph(),
                CycleGanGraphs.DISCRIMINATOR_LOSS, new NetworkUpdater(discriminatorOptimizer, discriminatorParams, steps),
                graphs.discriminatorUpdates(), execution);
        if (Nd4j.getEnvironment().maxThreads() > 1) {
            generatorPhase.runInTwoLanes();
            discriminatorPhase.runInTwoLanes();
        }
        generatorPhase.iterateSpectralNormsOf(networks.gStore());
        generatorPhase.iterateSpectralNormsOf(networks.fStore());
        discriminatorPhase.iterateSpectralNormsOf(networks.dxStore());
        discriminatorPhase.iterateSpectralNormsOf(networks.dyStore());
        x = Nd4j.create(DataType.FLOAT, networks.g().inputShape().withBatch(batch));
        y = Nd4j.create(DataType.FLOAT, networks.f().inputShape().withBatch(batch));
        fakeX = Nd4j.create(DataType.FLOAT, networks.f().outputShape().withBatch(batch));
        fakeY = Nd4j.create(DataType.FLOAT, networks.g().outputShape().withBatch(batch));
        shownX = fakeX.ulike();
        shownY = fakeY.ulike();
        poolX = new ImagePool(poolCapacity, batch, Math.toIntExact(networks.f().outputShape().size()), poolSeedX);
        poolY = new ImagePool(poolCapacity, batch, Math.toIntExact(networks.g().outputShape().size()), poolSeedY);
        generatorPhase.copyOutput(CycleGanGraphs.FAKE_X, fakeX);
        generatorPhase.copyOutput(CycleGanGraphs.FAKE_Y, fakeY);
        for (String name : new String[] {CycleGanGraphs.ADVERSARIAL_XY, CycleGanGraphs.ADVERSARIAL_YX,
                CycleGanGraphs.CYCLE_X, CycleGanGraphs.CYCLE_Y, CycleGanGraphs.IDENTITY}) {
            scalars.put(name, Nd4j.scalar(DataType.FLOAT, 0f));
            if (graphs.generatorGraph().hasVariable(name)) {
                generatorPhase.copyOutput(name, scalars.get(name));
            }
        }
        for (String name : new String[] {CycleGanGraphs.DISCRIMINATOR_X, CycleGanGraphs.DISCRIMINATOR_Y}) {
            scalars.put(name, Nd4j.scalar(DataType.FLOAT, 0f));
            discriminatorPhase.copyOutput(name, scalars.get(name));
        }
        generatorFeed = Map.of(CycleGanGraphs.X, x, CycleGanGraphs.Y, y);
        discriminatorFeed = Map.of(CycleGanGraphs.X, x, CycleGanGraphs.Y, y, CycleGanGraphs.FAKE_X, shownX,
                CycleGanGraphs.FAKE_Y, shownY);
    }

    /** @return the batch of domain X, filled by the caller before each step */
    public INDArray x() {
        return x;
    }

    /** @return the batch of domain Y, filled by the caller before each step */
    public INDArray y() {
        return y;
    }

    /** @return the pool of translations into X */
    public ImagePool poolX() {
        return poolX;
    }

    /** @return the pool of translations into Y */
    public ImagePool poolY() {
        return poolY;
    }

    /** @return the generator phase */
    public PhaseGraph generatorPhase() {
        return generatorPhase;
    }

    /** @return the discriminator phase */
    public PhaseGraph discriminatorPhase() {
        return discriminatorPhase;
    }

    /**
     * Runs the generator phase.
     *
     * @param epoch the current epoch
     * @return its total loss
     */
    public double trainGenerators(int epoch) {
        return generatorPhase.step(generatorFeed, epoch);
    }

    /**
     * Runs the discriminator phase on the last generator phase's translations, through the pools.
     *
     * @param epoch the current epoch
     * @return its total loss
     */
    public double trainDiscriminators(int epoch) {
        poolX.query(fakeX, shownX);
        poolY.query(fakeY, shownY);
        return discriminatorPhase.step(discriminatorFeed, epoch);
    }

    /**
     * @param generatorLoss     the generator phase's total loss
     * @param discriminatorLoss the discriminator phase's total loss
     * @return the step's losses, with the terms of the last phases
     */
    public Losses losses(double generatorLoss, double discriminatorLoss) {
        return new Losses(generatorLoss, discriminatorLoss, value(CycleGanGraphs.ADVERSARIAL_XY),
                value(CycleGanGraphs.ADVERSARIAL_YX), value(CycleGanGraphs.CYCLE_X), value(CycleGanGraphs.CYCLE_Y),
                value(CycleGanGraphs.IDENTITY), value(CycleGanGraphs.DISCRIMINATOR_X), value(CycleGanGraphs.DISCRIMINATOR_Y));
    }

    private double value(String name) {
        return scalars.get(name).getDouble(0);
    }
}
