package org.gan4j.loss;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.gan4j.optim.OptimizerSpec;

/**
 * The settings a loss's paper trains with (critic steps, optimizers, penalties, constraints). The trainer uses them
 * for every setting the user leaves unset, so asking for a loss without options gives its paper's recipe.
 *
 * @since 0.1.0
 */
public final class TrainingRecipe {
    private static final TrainingRecipe NONE = builder().build();

    private final OptionalInt discriminatorSteps;
    private final Optional<OptimizerSpec> generatorOptimizer;
    private final Optional<OptimizerSpec> discriminatorOptimizer;
    private final ImmutableList<DiscriminatorPenalty> penalties;
    private final ImmutableList<WeightConstraint> constraints;

    private TrainingRecipe(Builder b) {
        this.discriminatorSteps = b.discriminatorSteps == 0 ? OptionalInt.empty() : OptionalInt.of(b.discriminatorSteps);
        this.generatorOptimizer = Optional.ofNullable(b.generatorOptimizer);
        this.discriminatorOptimizer = Optional.ofNullable(b.discriminatorOptimizer);
        this.penalties = ImmutableList.copyOf(b.penalties);
        this.constraints = ImmutableList.copyOf(b.constraints);
    }

    /** @return a recipe that sets nothing */
    public static TrainingRecipe none() {
        return NONE;
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return discriminator updates per generator update, if the recipe sets them */
    public OptionalInt discriminatorSteps() {
        return discriminatorSteps;
    }

    /** @return the generator's optimizer, if the recipe sets it */
    public Optional<OptimizerSpec> generatorOptimizer() {
        return generatorOptimizer;
    }

    /** @return the discriminator's optimizer, if the recipe sets it */
    public Optional<OptimizerSpec> discriminatorOptimizer() {
        return discriminatorOptimizer;
    }

    /** @return penalties added to the discriminator's loss */
    public List<DiscriminatorPenalty> penalties() {
        return penalties;
    }

    /** @return constraints applied after each discriminator update */
    public List<WeightConstraint> constraints() {
        return constraints;
    }

    @Override
    public String toString() {
        return "TrainingRecipe(discriminatorSteps=" + discriminatorSteps + ", g=" + generatorOptimizer + ", d="
                + discriminatorOptimizer + ", penalties=" + penalties + ", constraints=" + constraints + ")";
    }

    /** Builder of {@link TrainingRecipe}. */
    public static final class Builder {
        private int discriminatorSteps;
        private OptimizerSpec generatorOptimizer;
        private OptimizerSpec discriminatorOptimizer;
        private final java.util.ArrayList<DiscriminatorPenalty> penalties = new java.util.ArrayList<>();
        private final java.util.ArrayList<WeightConstraint> constraints = new java.util.ArrayList<>();

        private Builder() {
        }

        /**
         * @param k discriminator updates per generator update, &gt;= 1
         * @return this builder
         */
        public Builder discriminatorSteps(int k) {
            if (k < 1) {
                throw new IllegalArgumentException("discriminatorSteps must be >= 1 but was " + k);
            }
            this.discriminatorSteps = k;
            return this;
        }

        /**
         * @param optimizer the optimizer of both networks
         * @return this builder
         */
        public Builder optimizers(OptimizerSpec optimizer) {
            this.generatorOptimizer = Objects.requireNonNull(optimizer, "optimizer == null");
            this.discriminatorOptimizer = optimizer;
            return this;
        }

        /**
         * @param penalty a penalty on the discriminator
         * @return this builder
         */
        public Builder penalty(DiscriminatorPenalty penalty) {
            penalties.add(Objects.requireNonNull(penalty, "penalty == null"));
            return this;
        }

        /**
         * @param constraint a constraint on the discriminator's weights
         * @return this builder
         */
        public Builder constraint(WeightConstraint constraint) {
            constraints.add(Objects.requireNonNull(constraint, "constraint == null"));
            return this;
        }

        /** @return the recipe */
        public TrainingRecipe build() {
            return new TrainingRecipe(this);
        }
    }
}
