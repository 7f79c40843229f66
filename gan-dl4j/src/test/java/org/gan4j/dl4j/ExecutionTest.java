package org.gan4j.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.gan4j.zoo.Dcgan;
import org.junit.jupiter.api.Test;

class ExecutionTest {

    private static GanTrainer.Builder complete() {
        return GanTrainer.builder().generator(Dcgan.generator()).discriminator(Dcgan.discriminator())
                .data(GanTrainerBuilderTest.IMAGES).steps(1);
    }

    @Test
    void should_read_the_default_strategy_from_the_system_property_and_refuse_other_names() {
        String saved = System.getProperty(Execution.PROPERTY);
        try {
            System.clearProperty(Execution.PROPERTY);
            assertThat(Execution.fromSystemProperty()).isEqualTo(Execution.COMPILED);
            System.setProperty(Execution.PROPERTY, "samediff");
            assertThat(Execution.fromSystemProperty()).isEqualTo(Execution.SAMEDIFF);
            assertThat(complete().build().settings().execution()).isEqualTo(Execution.SAMEDIFF);
            assertThat(complete().execution(Execution.COMPILED).build().settings().execution())
                    .isEqualTo(Execution.COMPILED);
            System.setProperty(Execution.PROPERTY, "plan");
            assertThatThrownBy(Execution::fromSystemProperty).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("gan4j.executor must be compiled or samediff but was plan");
        } finally {
            if (saved == null) {
                System.clearProperty(Execution.PROPERTY);
            } else {
                System.setProperty(Execution.PROPERTY, saved);
            }
        }
        assertThatThrownBy(() -> GanTrainer.builder().execution(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("execution == null");
    }

    @Test
    void should_refuse_rollback_without_checkpoints_for_every_trainer() {
        assertThatThrownBy(() -> CycleGanTrainerTest.trainer().rollbackOnDivergence(0.5, 1).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("rollbackOnDivergence needs checkpoints(directory, every, keepLast) to roll back to");
        assertThatThrownBy(() -> CycleGanTrainerTest.trainer().epochs(2).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("set epochs or steps, not both (epochs=2, steps=6)");
    }
}
