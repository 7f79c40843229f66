package org.gan4j.zoo;

import java.util.Objects;
import org.gan4j.Discriminator;
import org.gan4j.ParameterInit;
import org.gan4j.Shape;
import org.gan4j.Translator;

/**
 * The networks of CycleGAN (Zhu, Park, Isola and Efros, "Unpaired Image-to-Image Translation using Cycle-Consistent
 * Adversarial Networks", ICCV 2017), with the paper's layer pattern and initialisation N(0, 0.02), sized by two
 * numbers so that they fit small images:
 * <ul>
 *   <li>generator (Johnson et al.'s ResNet transformer): c7s1-f → d2f → d4f → R4f × blocks → u2f → uf → c7s1-c →
 *       tanh, where c7s1-k is conv 7×7 stride 1 + instance norm + ReLU, dk conv 3×3 stride 2 + instance norm + ReLU,
 *       Rk a residual block, uk a transposed conv (4×4 stride 2) + instance norm + ReLU; image sides must be
 *       multiples of 4;</li>
 *   <li>discriminator (PatchGAN): C f (conv 4×4 stride 2, LeakyReLU 0.2, no norm) → C 2f (with instance norm) →
 *       conv 3×3 to one score per patch: [1, h/4, w/4] for an h × w image.</li>
 * </ul>
 * The paper pads with reflection, these networks with zeros; the paper's 256×256 settings are f = 64, 9 blocks and a
 * deeper PatchGAN. Train with {@code CycleGanTrainer}: least-squares loss, Adam(2e-4, β1 = 0.5).
 *
 * @since 0.1.0
 */
public final class CycleGan {
    private static final ParameterInit INIT = ParameterInit.normal(0.02);

    private CycleGan() {
    }

    /**
     * @param input  the input image shape [c, h, w]
     * @param output the output image channels c'
     * @param filters f, the first layer's filters, &gt;= 1
     * @param blocks  residual blocks, &gt;= 0
     * @return the generator, mapping [c, h, w] to [c', h, w]
     * @throws IllegalArgumentException if the image sides are not multiples of 4
     */
    public static Translator generator(Shape input, int output, int filters, int blocks) {
        Objects.requireNonNull(input, "input == null");
        positive("output", output);
        positive("filters", filters);
        if (blocks < 0) {
            throw new IllegalArgumentException("blocks must be >= 0 but was " + blocks);
        }
        if (input.rank() != 3 || input.dim(1) % 4 != 0 || input.dim(2) % 4 != 0) {
            throw new IllegalArgumentException("input must be an image [c, h, w] with h and w multiples of 4 but was " + input);
        }
        Translator.Builder b = Translator.builder().input(input).weightInit(INIT)
                .conv2d(filters, 7, 1, 3).withoutBias().instanceNorm().relu()
                .conv2d(2 * filters, 3, 2, 1).withoutBias().instanceNorm().relu()
                .conv2d(4 * filters, 3, 2, 1).withoutBias().instanceNorm().relu();
        for (int i = 0; i < blocks; i++) {
            b.residualBlock(4 * filters);
        }
        return b.deconv2d(2 * filters, 4, 2, 1).withoutBias().instanceNorm().relu()
                .deconv2d(filters, 4, 2, 1).withoutBias().instanceNorm().relu()
                .conv2d(output, 7, 1, 3).tanh()
                .build();
    }

    /**
     * @param input   the image shape [c, h, w]
     * @param filters f, the first layer's filters, &gt;= 1
     * @return the PatchGAN discriminator, one score per patch [1, h/4, w/4]
     */
    public static Discriminator patchDiscriminator(Shape input, int filters) {
        Objects.requireNonNull(input, "input == null");
        positive("filters", filters);
        return Discriminator.builder().input(input).weightInit(INIT)
                .conv2d(filters, 4, 2, 1).leakyRelu(0.2)
                .conv2d(2 * filters, 4, 2, 1).withoutBias().instanceNorm().leakyRelu(0.2)
                .conv2d(1, 3, 1, 1)
                .build();
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be >= 1 but was " + value);
        }
    }
}
