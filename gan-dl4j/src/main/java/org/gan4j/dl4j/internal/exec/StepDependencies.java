package org.gan4j.dl4j.internal.exec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.ops.impl.transforms.same.Identity;

/**
 * Which earlier steps of a plan each step reads from, recorded as the steps are compiled: a step depends on the steps
 * that produce its inputs; an aliasing step (an identity, a reshape bound as a view) runs nothing and passes its
 * input's producer on. Placeholders, parameters and injected arrays have no producer in the plan.
 */
final class StepDependencies {
    private final Map<String, Integer> producers = new HashMap<>();
    private final List<int[]> dependencies = new ArrayList<>();
    private final List<Boolean> aliases = new ArrayList<>();

    /**
     * @param alias   whether the step runs nothing and its output is its first input
     * @param inputs  the step's input variables (null: none)
     * @param outputs the step's output variables
     */
    void record(boolean alias, String[] inputs, String[] outputs) {
        int index = dependencies.size();
        String[] in = inputs == null ? new String[0] : inputs;
        aliases.add(alias);
        if (alias) {
            dependencies.add(new int[0]);
            Integer producer = in.length == 0 ? null : producers.get(in[0]);
            if (producer != null) {
                producers.put(outputs[0], producer);
            }
            return;
        }
        Set<Integer> read = new LinkedHashSet<>();
        for (String name : in) {
            Integer producer = producers.get(name);
            if (producer != null) {
                read.add(producer);
            }
        }
        dependencies.add(read.stream().mapToInt(Integer::intValue).toArray());
        for (String name : outputs) {
            producers.put(name, index);
        }
    }

    /**
     * @param schedule a plan's ops in order
     * @return the dependencies of the steps they become, identities as aliases (reshapes bound as views are counted
     *         as steps here)
     */
    static StepDependencies ofSchedule(List<SameDiffOp> schedule) {
        StepDependencies d = new StepDependencies();
        for (SameDiffOp op : schedule) {
            d.record(op.getOp() instanceof Identity, op.getOp().argNames(), op.getOp().outputVariablesNames());
        }
        return d;
    }

    /** @return for each recorded step, whether it runs anything (aliases do not) */
    boolean[] runs() {
        boolean[] runs = new boolean[aliases.size()];
        for (int i = 0; i < runs.length; i++) {
            runs[i] = !aliases.get(i);
        }
        return runs;
    }

    /** @return for each recorded step, the steps it depends on */
    int[][] toArray() {
        return dependencies.toArray(new int[0][]);
    }
}
