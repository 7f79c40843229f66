package org.gan4j.dl4j;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The settings that shape a training run (networks, loss, optimizers, batch size, seed, ...; not its length), by
 * name. A checkpoint holds its trainer's; a trainer resumes only from a checkpoint of an equal configuration. Networks
 * are identified by their specs and by a digest of the compiled training graphs, so two different custom graphs
 * differ even when their specs print alike.
 *
 * @param entries the settings, in a stable order
 */
record TrainingConfiguration(Map<String, String> entries) {

    TrainingConfiguration {
        entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    /**
     * @param other another configuration
     * @return each setting that differs, as "name: this vs other", empty when equal
     */
    List<String> differences(TrainingConfiguration other) {
        Set<String> names = new LinkedHashSet<>(entries.keySet());
        names.addAll(other.entries.keySet());
        List<String> out = new ArrayList<>();
        for (String name : names) {
            String mine = entries.get(name);
            String theirs = other.entries.get(name);
            if (mine == null || !mine.equals(theirs)) {
                out.add(name + ": " + mine + " vs " + theirs);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return entries.toString();
    }
}
