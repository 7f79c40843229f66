package org.gan4j.dl4j.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Outputs and parameter gradients of a training graph computed the way training computes them: from a plan. */
final class PlanGradients {
    private PlanGradients() {
    }

    /** @param outputs the outputs (the loss first, when the graph has no loss variable yet) */
    static OutAndGrad run(SameDiff graph, Map<String, INDArray> feed, List<String> outputs, Collection<String> parameters) {
        if (graph.getFunction("grad") == null) {
            if (graph.getLossVariables().isEmpty()) {
                graph.setLossVariables(outputs.get(0));
            }
            Stdout.silenced(() -> {
                graph.createGradFunction();
                return null;
            });
        }
        List<String> requested = new ArrayList<>(outputs);
        Map<String, String> gradientNames = new HashMap<>();
        for (String p : parameters) {
            SDVariable g = graph.getVariable(p).getGradient();
            if (g != null) {
                gradientNames.put(p, g.name());
                requested.add(g.name());
            }
        }
        Map<String, INDArray> out = new ExecutionPlan(graph.getFunction("grad"), requested).run(feed);
        Map<String, INDArray> outs = new HashMap<>();
        outputs.forEach(o -> outs.put(o, out.get(o).dup()));
        Map<String, INDArray> grads = new HashMap<>();
        gradientNames.forEach((p, g) -> grads.put(p, out.get(g).dup()));
        return new OutAndGrad(outs, grads);
    }
}
