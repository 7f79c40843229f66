package org.gan4j.dl4j.internal.graph.layers;

import java.util.Map;
import org.gan4j.layer.ActivationLayer;
import org.gan4j.layer.BatchNorm;
import org.gan4j.layer.Conv2d;
import org.gan4j.layer.Deconv2d;
import org.gan4j.layer.Dense;
import org.gan4j.layer.Dropout;
import org.gan4j.layer.Flatten;
import org.gan4j.layer.InstanceNorm;
import org.gan4j.layer.LayerSpec;
import org.gan4j.layer.Reshape;
import org.gan4j.layer.Residual;
import org.gan4j.layer.WeightedLayer;

/** The compiler of each layer type. */
public final class LayerCompilers {
    private static final ReshapeCompiler RESHAPE = new ReshapeCompiler();
    private static final Map<Class<? extends LayerSpec>, LayerCompiler<?>> COMPILERS = Map.of(
            Dense.class, new DenseCompiler(),
            Conv2d.class, new Conv2dCompiler(),
            Deconv2d.class, new Deconv2dCompiler(),
            BatchNorm.class, new BatchNormCompiler(),
            InstanceNorm.class, new InstanceNormCompiler(),
            Residual.class, new ResidualCompiler(),
            Dropout.class, new DropoutCompiler(),
            Reshape.class, RESHAPE,
            Flatten.class, RESHAPE,
            ActivationLayer.class, new ActivationCompiler());

    private LayerCompilers() {
    }

    /**
     * The axis of output units or channels in a weighted layer's stored weight: dense W [in, out], convolution kernel
     * [kH, kW, in, out], transposed convolution kernel [kH, kW, out, in].
     *
     * @param layer the layer
     * @return the axis
     */
    public static int outputAxis(WeightedLayer layer) {
        if (layer instanceof Dense) {
            return 1;
        }
        return layer instanceof Conv2d ? 3 : 2;
    }

    /**
     * @param layer a layer
     * @param <L>   its type
     * @return its compiler
     * @throws IllegalArgumentException for a layer type without one
     */
    @SuppressWarnings("unchecked")
    public static <L extends LayerSpec> LayerCompiler<L> of(L layer) {
        LayerCompiler<?> compiler = COMPILERS.get(layer.getClass());
        if (compiler == null) {
            throw new IllegalArgumentException("no compilation for layer " + layer);
        }
        return (LayerCompiler<L>) compiler;
    }
}
