package org.gan4j.dl4j;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.gan4j.CycleGanStepResult;
import org.gan4j.GanTrainingException;
import org.gan4j.GeneratorSampler;
import org.gan4j.ImagePreview;
import org.gan4j.StepResult;
import org.gan4j.Translator;
import org.gan4j.data.GanDataSource;
import org.gan4j.data.SampleCursor;
import org.gan4j.dl4j.internal.graph.CycleGanGraphs;
import org.gan4j.dl4j.internal.family.CycleGanStep;
import org.gan4j.dl4j.internal.graph.ParameterStore;
import org.gan4j.dl4j.internal.exec.PhaseGraph;
import org.gan4j.dl4j.internal.data.RandomStream;
import org.gan4j.dl4j.internal.data.RealBatches;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The CycleGAN family: translators G: X → Y and F: Y → X, discriminators D_X and D_Y, and a step of one generator
 * phase (G and F together) then one discriminator phase on that step's translations drawn through the image pools
 * ({@link CycleGanStep}). Epochs count passes over domain X.
 */
final class CycleGanFamily implements ModelFamily<CycleGanFamily.State> {
    /** The random streams a CycleGAN run draws from. */
    static final Set<RandomStream> STREAMS = EnumSet.of(RandomStream.DATA, RandomStream.SECOND_DATA,
            RandomStream.FIRST_POOL, RandomStream.SECOND_POOL);
    private static final String POOLS = "pools";

    /**
     * A CycleGAN's checkpoint state beyond weights and optimizer states.
     *
     * @param dataPositionX {pass, batches taken} of domain X
     * @param dataPositionY {pass, batches taken} of domain Y
     * @param poolX         {images stored, draws made} of the pool of translations into X
     * @param poolY         the same for Y
     */
    record State(long[] dataPositionX, long[] dataPositionY, long[] poolX, long[] poolY) {
    }

    private final CycleGanTrainer config;
    private final CycleGanGraphs.Networks networks;
    private final CycleGanStep step;
    private final RealBatches batchesX;
    private final RealBatches batchesY;
    private final long metricsSeed;
    private TranslatorModel xToY;
    private TranslatorModel yToX;

    CycleGanFamily(CycleGanTrainer config, RunLoop.Setup setup) {
        this.config = config;
        int batch = config.settings.batchSize();
        networks = new CycleGanGraphs.Networks(config.xToY, config.yToX, config.discriminatorX, config.discriminatorY,
                new ParameterStore("G", setup.weights()), new ParameterStore("F", setup.weights()),
                new ParameterStore("DX", setup.weights()), new ParameterStore("DY", setup.weights()));
        CycleGanGraphs graphs = CycleGanGraphs.build(networks, config.loss, config.cycleWeight, config.identityWeight,
                batch, DataType.FLOAT, config.settings.execution());
        step = new CycleGanStep(graphs, networks, config.generatorOptimizer, config.discriminatorOptimizer,
                setup.totalSteps(), batch, config.imagePool, setup.seed(RandomStream.FIRST_POOL),
                setup.seed(RandomStream.SECOND_POOL), config.settings.execution());
        batchesX = new RealBatches(config.dataX, batch, setup.seed(RandomStream.DATA));
        batchesY = new RealBatches(config.dataY, batch, setup.seed(RandomStream.SECOND_DATA));
        metricsSeed = setup.seed(RandomStream.DATA);
    }

    @Override
    public List<PhaseGraph> phases() {
        return List.of(step.generatorPhase(), step.discriminatorPhase());
    }

    @Override
    public List<ParameterStore> networks() {
        return List.of(networks.gStore(), networks.fStore(), networks.dxStore(), networks.dyStore());
    }

    @Override
    public List<ParameterStore> averagedNetworks() {
        return List.of(networks.gStore(), networks.fStore());
    }

    @Override
    public void buildInference(UnaryOperator<ParameterStore> sampled) {
        xToY = translator(config.xToY, sampled.apply(networks.gStore()));
        yToX = translator(config.yToX, sampled.apply(networks.fStore()));
    }

    private static TranslatorModel translator(Translator spec, ParameterStore store) {
        TranslatorModel model = TranslatorModel.of(spec, store);
        INDArray probe = model.translate(Nd4j.zeros(DataType.FLOAT, spec.inputShape().withBatch(1)));
        long[] expected = spec.outputShape().withBatch(1);
        if (!Arrays.equals(probe.shape(), expected)) {
            throw new GanTrainingException("translator " + spec + " produces images of shape "
                    + Arrays.toString(probe.shape()) + " but declares " + Arrays.toString(expected));
        }
        return model;
    }

    /** @return G: X → Y with the sampled (EMA or live) weights */
    TranslatorModel xToY() {
        return xToY;
    }

    /** @return F: Y → X with the sampled (EMA or live) weights */
    TranslatorModel yToX() {
        return yToX;
    }

    @Override
    public boolean stage(Passes passes) {
        while (!batchesX.fill(step.x(), null)) {
            if (!passes.passEnded()) {
                return false;
            }
        }
        while (!batchesY.fill(step.y(), null)) {
            // passes over Y do not count as epochs
        }
        return true;
    }

    @Override
    public StepResult step(PhaseRunner runner, long number, int epoch) {
        double g = runner.run(step.generatorPhase(), () -> step.trainGenerators(epoch));
        double d = runner.run(step.discriminatorPhase(), () -> step.trainDiscriminators(epoch));
        CycleGanStep.Losses l = step.losses(g, d);
        Map<String, Double> terms = new LinkedHashMap<>();
        terms.put(CycleGanStepResult.ADVERSARIAL_XY, l.adversarialXY());
        terms.put(CycleGanStepResult.ADVERSARIAL_YX, l.adversarialYX());
        terms.put(CycleGanStepResult.CYCLE_X, l.cycleX());
        terms.put(CycleGanStepResult.CYCLE_Y, l.cycleY());
        terms.put(CycleGanStepResult.IDENTITY, l.identity());
        terms.put(CycleGanStepResult.DISCRIMINATOR_X, l.discriminatorX());
        terms.put(CycleGanStepResult.DISCRIMINATOR_Y, l.discriminatorY());
        return new StepResult(number, epoch, l.discriminator(), l.generator(), terms);
    }

    @Override
    public Map<String, String> configuration() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("family", "CycleGAN");
        c.put("loss", String.valueOf(config.loss));
        c.put("cycleWeight", String.valueOf(config.cycleWeight));
        c.put("identityWeight", String.valueOf(config.identityWeight));
        c.put("imagePool", String.valueOf(config.imagePool));
        c.put("generatorOptimizer", String.valueOf(config.generatorOptimizer));
        c.put("discriminatorOptimizer", String.valueOf(config.discriminatorOptimizer));
        c.put("xToY", String.valueOf(config.xToY));
        c.put("yToX", String.valueOf(config.yToX));
        c.put("discriminatorX", String.valueOf(config.discriminatorX));
        c.put("discriminatorY", String.valueOf(config.discriminatorY));
        return c;
    }

    @Override
    public String lossDescription() {
        return config.loss + ", cycle weight " + config.cycleWeight;
    }

    @Override
    public State state() {
        return new State(batchesX.position(), batchesY.position(), step.poolX().position(), step.poolY().position());
    }

    @Override
    public Class<State> stateType() {
        return State.class;
    }

    @Override
    public void restore(State state, Function<String, Map<String, INDArray>> arrays) {
        batchesX.restorePosition(state.dataPositionX());
        batchesY.restorePosition(state.dataPositionY());
        if (config.imagePool > 0) {
            Map<String, INDArray> pools = arrays.apply(POOLS);
            step.poolX().restore(state.poolX(), pools.get("x"));
            step.poolY().restore(state.poolY(), pools.get("y"));
        }
    }

    @Override
    public Map<String, Map<String, INDArray>> stateArrays() {
        return config.imagePool > 0 ? Map.of(POOLS, Map.of("x", step.poolX().images(), "y", step.poolY().images())) : Map.of();
    }

    /** Rows of x, G(x), F(G(x)), y, F(y), G(F(y)); empty unless both domains hold images of one shape. */
    @Override
    public Optional<ImagePreview> preview(int count, int columns, long seed) {
        if (!config.dataX.sampleShape().equals(config.dataY.sampleShape())
                || !ImagePreview.isImageShape(config.dataX.sampleShape())) {
            return Optional.empty();
        }
        int rows = Math.max(1, (count + 5) / 6);
        INDArray x = take(config.dataX, rows, seed);
        INDArray y = take(config.dataY, rows, seed);
        INDArray gx = xToY.translate(x);
        INDArray fy = yToX.translate(y);
        INDArray[] columnsOfRows = {x, gx, yToX.translate(gx), y, fy, xToY.translate(fy)};
        long[] shape = config.dataX.sampleShape().withBatch(rows * 6);
        INDArray grid = Nd4j.create(DataType.FLOAT, shape);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < 6; c++) {
                grid.slice(r * 6 + c).assign(columnsOfRows[c].slice(r));
            }
        }
        return Optional.of(new ImagePreview(grid, 6));
    }

    /** @return G(x) for the first n images of domain X in one fixed shuffle */
    @Override
    public INDArray generate(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1 but was " + n);
        }
        return xToY.translate(take(config.dataX, n, metricsSeed));
    }

    /** @return the first n samples of a source in the shuffle of {@code seed}, passes repeated as needed */
    private static INDArray take(GanDataSource source, int n, long seed) {
        int size = Math.toIntExact(source.sampleShape().size());
        float[] values = new float[n * size];
        SampleCursor cursor = source.open(seed);
        for (int i = 0; i < n; i++) {
            if (!cursor.next(values, i * size)) {
                if (i == 0) {
                    throw new IllegalStateException("data source " + source + " holds no samples");
                }
                cursor = source.open(seed);
                i--;
            }
        }
        return Nd4j.create(values, source.sampleShape().withBatch(n), 'c');
    }

    @Override
    public Optional<GeneratorSampler> generator() {
        return Optional.empty();
    }
}
