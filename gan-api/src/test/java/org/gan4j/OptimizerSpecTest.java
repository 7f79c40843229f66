package org.gan4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.gan4j.optim.Adam;
import org.gan4j.optim.OptimizerSpec;
import org.junit.jupiter.api.Test;

class OptimizerSpecTest {

    @Test
    void should_refuse_bad_hyperparameters_naming_them() {
        assertThatThrownBy(() -> OptimizerSpec.adam(-0.1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("learningRate must be > 0 but was -0.1");
        assertThatThrownBy(() -> OptimizerSpec.adam(1e-3, 1.0, 0.9)).hasMessage("beta1 must be in [0, 1) but was 1.0");
        assertThatThrownBy(() -> OptimizerSpec.adam(1e-3, 0.5, -0.1)).hasMessage("beta2 must be in [0, 1) but was -0.1");
        assertThatThrownBy(() -> OptimizerSpec.rmsProp(Double.NaN)).hasMessage("learningRate must be > 0 but was NaN");
        assertThatThrownBy(() -> OptimizerSpec.sgd(0)).hasMessage("learningRate must be > 0 but was 0.0");
        assertThatThrownBy(() -> new Adam(1e-3, 0.5, 0.9, 0)).hasMessage("epsilon must be > 0 but was 0.0");
    }

    @Test
    void should_show_hyperparameters_and_copy_with_a_new_learning_rate() {
        OptimizerSpec adam = OptimizerSpec.adam(2e-4, 0.5, 0.999);
        assertThat(adam).hasToString("Adam(lr=2.0E-4, beta1=0.5, beta2=0.999, eps=1.0E-8)");
        assertThat(adam.withLearningRate(1e-4)).isEqualTo(OptimizerSpec.adam(1e-4, 0.5, 0.999));
        assertThat(OptimizerSpec.rmsProp(5e-5)).hasToString("RmsProp(lr=5.0E-5, decay=0.99, eps=1.0E-8)");
    }
}
