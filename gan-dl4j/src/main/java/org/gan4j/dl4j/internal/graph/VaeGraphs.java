package org.gan4j.dl4j.internal.graph;

import java.util.ArrayList;
import java.util.List;
import org.gan4j.Encoder;
import org.gan4j.Generator;
import org.gan4j.dl4j.Execution;
import org.gan4j.dl4j.internal.graph.NetworkCompiler.Compiled;
import org.gan4j.dl4j.internal.graph.NetworkCompiler.Mode;
import org.gan4j.loss.ReconstructionLikelihood;
import org.gan4j.losses.vae.GaussianKl;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The graphs of a variational autoencoder over the shared stores of its encoder and decoder:
 * <ul>
 *   <li>the training graph, placeholders {@value #X} [batch, sample...], {@value #EPSILON} [batch, L] and
 *       {@value #BETA} (a scalar): the posterior [μ, log σ²] = E(x), the reparameterized z = μ + exp(½·log σ²)·ε,
 *       the decoder's output D(z), and the batch means
 *       {@value #RECONSTRUCTION} = −mean log p(x|z), {@value #KL} = mean KL(q(z|x) ‖ N(0, I)),
 *       {@value #NEGATIVE_ELBO} = reconstruction + KL and the trained {@value #LOSS} = reconstruction + β·KL;</li>
 *   <li>the inference graph ({@link #inference}): {@value #IMAGE} → {@value #MU}, {@value #SIGMA};
 *       {@value #LATENT} → {@value #DECODED} (the likelihood's mean); {@value #IMAGE} and {@value #EPSILON} →
 *       {@value #SAMPLE_NEGATIVE_ELBO}, one single-draw estimate per sample.</li>
 * </ul>
 *
 * @param trainingGraph the training graph
 * @param updates       the running-statistic updates of both networks
 */
public record VaeGraphs(SameDiff trainingGraph, List<BatchNormUpdate> updates) {
    /** Placeholder: a data batch. */
    public static final String X = "x";
    /** Placeholder: the reparameterization noise ε ~ N(0, I). */
    public static final String EPSILON = "epsilon";
    /** Placeholder: the KL weight β of this step. */
    public static final String BETA = "beta";
    /** The trained objective, reconstruction + β·KL. */
    public static final String LOSS = "loss";
    /** −ELBO = reconstruction + KL, nats per sample. */
    public static final String NEGATIVE_ELBO = "negative_elbo";
    /** −mean log p(x|z). */
    public static final String RECONSTRUCTION = "reconstruction";
    /** mean KL(q(z|x) ‖ N(0, I)). */
    public static final String KL = "kl";
    /** Inference placeholder: samples to encode. */
    public static final String IMAGE = "image";
    /** Inference placeholder: latent vectors to decode. */
    public static final String LATENT = "z";
    /** Inference output: the posterior means. */
    public static final String MU = "mu";
    /** Inference output: the posterior standard deviations. */
    public static final String SIGMA = "sigma";
    /** Inference output: the decoded samples (the likelihood's mean). */
    public static final String DECODED = "decoded";
    /** Inference output: −ELBO per sample, [n]. */
    public static final String SAMPLE_NEGATIVE_ELBO = "sample_negative_elbo";

    /**
     * A VAE's networks, likelihood and stores.
     *
     * @param encoder      the encoder
     * @param decoder      the decoder
     * @param likelihood   p(x|z)
     * @param encoderStore the encoder's arrays
     * @param decoderStore the decoder's arrays (and the likelihood's learned parameters)
     */
    public record Networks(Encoder encoder, Generator decoder, ReconstructionLikelihood likelihood,
                           ParameterStore encoderStore, ParameterStore decoderStore) {
    }

    /**
     * Builds the training graph; the encoder's parameters are created first, then the decoder's.
     *
     * @param n         the networks
     * @param batch     the batch size
     * @param dataType  FLOAT for training, DOUBLE for gradient checks
     * @param execution which ops the graph may use
     * @return the graph
     */
    public static VaeGraphs build(Networks n, int batch, DataType dataType, Execution execution) {
        SameDiff sd = SameDiff.create();
        int latent = n.encoder().latentSize();
        SDVariable x = sd.placeHolder(X, dataType, n.encoder().inputShape().withBatch(batch));
        SDVariable epsilon = sd.placeHolder(EPSILON, dataType, batch, latent);
        SDVariable beta = sd.placeHolder(BETA, dataType);
        List<BatchNormUpdate> updates = new ArrayList<>();
        Pass pass = new Pass(n, sd, Mode.TRAINING, batch, dataType, execution, updates);
        SDVariable[] posterior = pass.encode(x);
        Terms t = pass.terms(x, posterior, epsilon);
        SDVariable reconstruction = sd.identity(RECONSTRUCTION, t.logLikelihood().mean().neg());
        SDVariable kl = sd.identity(KL, t.kl().mean());
        sd.identity(NEGATIVE_ELBO, reconstruction.add(kl));
        sd.identity(LOSS, reconstruction.add(kl.mul(beta)));
        sd.setLossVariables(LOSS);
        return new VaeGraphs(sd, updates);
    }

    /**
     * Builds the inference graph (batch norm on running statistics, no dropout, float32, stock ops).
     *
     * @param n the networks and the stores to read (live or averaged)
     * @return the graph
     */
    public static SameDiff inference(Networks n) {
        SameDiff sd = SameDiff.create();
        int latent = n.encoder().latentSize();
        SDVariable image = sd.placeHolder(IMAGE, DataType.FLOAT, n.encoder().inputShape().withBatch(-1));
        SDVariable z = sd.placeHolder(LATENT, DataType.FLOAT, -1, latent);
        SDVariable epsilon = sd.placeHolder(EPSILON, DataType.FLOAT, -1, latent);
        Pass pass = new Pass(n, sd, Mode.INFERENCE, -1, DataType.FLOAT, Execution.SAMEDIFF, new ArrayList<>());
        SDVariable[] posterior = pass.encode(image);
        sd.identity(MU, posterior[0]);
        sd.identity(SIGMA, sd.math.exp(posterior[1].mul(0.5)));
        sd.identity(DECODED, n.likelihood().mean(sd, pass.decode(z)));
        Terms t = pass.terms(image, posterior, epsilon);
        sd.identity(SAMPLE_NEGATIVE_ELBO, t.kl().sub(t.logLikelihood()));
        return sd;
    }

    /** log p(x|z) and KL per sample, [batch] each. */
    private record Terms(SDVariable logLikelihood, SDVariable kl) {
    }

    /** Both networks compiled into one graph, each bound once to its store. */
    private static final class Pass {
        private final Networks n;
        private final SameDiff sd;
        private final Mode mode;
        private final long batch;
        private final List<BatchNormUpdate> updates;
        private final NetworkCompiler encoder;
        private final NetworkCompiler decoder;
        private final GraphParameters encoderParams;
        private final GraphParameters decoderParams;

        Pass(Networks n, SameDiff sd, Mode mode, long batch, DataType dataType, Execution execution,
             List<BatchNormUpdate> updates) {
            this.n = n;
            this.sd = sd;
            this.mode = mode;
            this.batch = batch;
            this.updates = updates;
            encoder = new NetworkCompiler(n.encoder().body(), n.encoder().inputShape(), n.encoder().weightInit(),
                    dataType, execution);
            decoder = new NetworkCompiler(n.decoder().body(), n.decoder().bodyInputShape(), n.decoder().weightInit(),
                    dataType, execution);
            encoderParams = new GraphParameters(sd, n.encoderStore());
            decoderParams = new GraphParameters(sd, n.decoderStore());
        }

        /** @return μ and log σ² of q(z|x) */
        SDVariable[] encode(SDVariable x) {
            return posterior(collect(encoder.compile(encoderParams, x, mode, batch), updates), n.encoder().latentSize());
        }

        /** @return the decoder's raw output */
        SDVariable decode(SDVariable z) {
            return collect(decoder.compile(decoderParams, z, mode, batch), updates);
        }

        /** @return the terms of x with z = μ + σ·ε */
        Terms terms(SDVariable x, SDVariable[] posterior, SDVariable epsilon) {
            SDVariable mu = posterior[0];
            SDVariable logVariance = posterior[1];
            SDVariable z = mu.add(sd.math.exp(logVariance.mul(0.5)).mul(epsilon));
            SDVariable logLikelihood = n.likelihood().logLikelihood(
                    NetworkCompiler.graphContext(decoderParams, mode, "likelihood"), decode(z), x);
            return new Terms(logLikelihood, GaussianKl.toStandardNormal(sd, mu, logVariance));
        }
    }

    /** Splits the encoder's output [n, 2L] into μ and log σ². */
    private static SDVariable[] posterior(SDVariable head, int latent) {
        return new SDVariable[] {head.get(SDIndex.all(), SDIndex.interval(0, latent)),
                head.get(SDIndex.all(), SDIndex.interval(latent, 2 * latent))};
    }

    private static SDVariable collect(Compiled compiled, List<BatchNormUpdate> updates) {
        updates.addAll(compiled.batchNormUpdates());
        return compiled.output();
    }
}
