package org.gan4j.dl4j.listeners;

import java.util.ArrayList;
import java.util.List;

/**
 * The sample grids a report shows side by side, one per report write, at most {@value #MAX} of them: when a new one
 * would exceed the limit, every second older grid is dropped (the first kept), so the strip always spans the run from
 * its first picture to its newest at roughly even spacing.
 */
final class SampleProgression {
    static final int MAX = 8;

    /** One picture of the strip. */
    record Snapshot(long step, byte[] png) {
    }

    private final List<Snapshot> snapshots = new ArrayList<>();

    /**
     * @param step the step the picture shows
     * @param png  the picture; replaces the newest one when it is of the same step, and starts a new strip when the
     *             step is older than the newest (a new fit, or a resumed one)
     */
    void add(long step, byte[] png) {
        if (!snapshots.isEmpty() && snapshots.get(snapshots.size() - 1).step() > step) {
            snapshots.clear();
        }
        if (!snapshots.isEmpty() && snapshots.get(snapshots.size() - 1).step() == step) {
            snapshots.remove(snapshots.size() - 1);
        }
        if (snapshots.size() == MAX) {
            List<Snapshot> thinned = new ArrayList<>();
            for (int i = 0; i < snapshots.size(); i += 2) {
                thinned.add(snapshots.get(i));
            }
            snapshots.clear();
            snapshots.addAll(thinned);
        }
        snapshots.add(new Snapshot(step, png));
    }

    /** @return the pictures, oldest first */
    List<Snapshot> snapshots() {
        return List.copyOf(snapshots);
    }
}
