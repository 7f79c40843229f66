package org.gan4j.dl4j.internal.exec;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.nd4j.autodiff.functions.DifferentialFunction;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.autodiff.samediff.internal.Variable;
import org.nd4j.linalg.api.ops.BaseOp;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.custom.Invoke;
import org.nd4j.linalg.api.ops.impl.controlflow.compat.BaseCompatOp;
import org.nd4j.linalg.api.ops.impl.layers.ExternalErrorsFunction;
import org.nd4j.linalg.api.ops.impl.shape.CreateView;
import org.nd4j.linalg.api.ops.impl.shape.tensorops.BaseTensorOp;
import org.nd4j.linalg.api.ops.impl.transforms.Assert;
import org.nd4j.linalg.api.ops.impl.transforms.custom.Assign;
import org.nd4j.linalg.api.ops.impl.transforms.same.Identity;

/**
 * Which ops of a graph a set of variables needs, in an order that runs each after the ops producing its inputs, and
 * whether an {@link ExecutionPlan} can run them all (no control flow, no ops that SameDiff's session treats
 * specially).
 */
public final class OpSchedule {
    private OpSchedule() {
    }

    /**
     * @param graph     a graph
     * @param requested the variables a run would return
     * @return empty when every op those variables need can run from a fixed schedule, else the first op that cannot
     */
    public static Optional<String> unsupportedOp(SameDiff graph, Collection<String> requested) {
        for (SameDiffOp sdo : of(graph, List.copyOf(requested), Set.of())) {
            DifferentialFunction op = sdo.getOp();
            boolean plain = op instanceof Identity || op instanceof DynamicCustomOp || op instanceof BaseOp;
            boolean special = op instanceof BaseCompatOp || op instanceof BaseTensorOp || op instanceof Invoke
                    || op instanceof ExternalErrorsFunction || op instanceof Assign || op instanceof CreateView
                    || op instanceof Assert;
            if (!plain || special || (sdo.getControlDeps() != null && !sdo.getControlDeps().isEmpty())) {
                return Optional.of(op.opName() + " (" + sdo.getName() + ")");
            }
        }
        return Optional.empty();
    }

    /**
     * @param graph     a graph
     * @param requested the variables wanted
     * @param stops     variables taken as given (their producing ops are not scheduled)
     * @return the ops the requested variables depend on, each after the ops producing its inputs
     * @throws IllegalArgumentException if a requested variable is not in the graph
     */
    static List<SameDiffOp> of(SameDiff graph, List<String> requested, Set<String> stops) {
        Map<String, SameDiffOp> ops = graph.getOps();
        Map<String, Variable> variables = graph.getVariables();
        List<SameDiffOp> order = new ArrayList<>();
        Set<String> done = new HashSet<>();
        Set<String> entered = new HashSet<>();
        Deque<String> stack = new ArrayDeque<>();
        for (String name : requested) {
            Variable v = variables.get(name);
            if (v == null) {
                throw new IllegalArgumentException("the graph has no variable " + name);
            }
            if (v.getOutputOfOp() != null && !stops.contains(name)) {
                stack.push(v.getOutputOfOp());
            }
            while (!stack.isEmpty()) {
                String opName = stack.peek();
                if (done.contains(opName)) {
                    stack.pop();
                    continue;
                }
                SameDiffOp sdo = ops.get(opName);
                if (entered.add(opName)) {
                    List<String> inputs = sdo.getInputsToOp();
                    if (inputs != null) {
                        for (String in : inputs) {
                            String producer = stops.contains(in) ? null : variables.get(in).getOutputOfOp();
                            if (producer != null && !done.contains(producer)) {
                                if (entered.contains(producer)) {
                                    throw new IllegalStateException("the graph has a cycle through " + producer);
                                }
                                stack.push(producer);
                            }
                        }
                    }
                } else {
                    stack.pop();
                    done.add(opName);
                    order.add(sdo);
                }
            }
        }
        return order;
    }
}
