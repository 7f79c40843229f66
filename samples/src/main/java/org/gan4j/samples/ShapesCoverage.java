package org.gan4j.samples;

import java.util.LinkedHashMap;
import java.util.Map;
import org.gan4j.data.ColouredShapes;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Mode coverage of generated coloured shapes, with the data set's exact classifier: a mode counts as covered when it
 * gets at least a tenth of its fair share (n/24) of the samples; recognised = the share of samples that show one
 * clear shape in one palette colour.
 */
final class ShapesCoverage {
    /** A mode is covered from this fraction of its fair share of the samples. */
    static final double COVERED_SHARE = 0.1;

    private ShapesCoverage() {
    }

    /** @return whether a folder holds the coloured-shapes data set, read at its own size and channels */
    static boolean isShapesData(java.nio.file.Path folder, long channels, long size) {
        return channels == 3 && size == ColouredShapes.SIZE && java.nio.file.Files.exists(folder.resolve(ColouredShapes.MARKER));
    }

    /**
     * @param images generated images [n, 3, 32, 32] in [-1, 1]
     * @return recognised share, covered modes, and the count of each mode
     */
    static Map<String, Object> of(INDArray images) {
        int n = (int) images.size(0);
        float[] all = images.castTo(DataType.FLOAT).dup('c').data().asFloat();
        int size = 3 * ColouredShapes.SIZE * ColouredShapes.SIZE;
        int[] counts = new int[ColouredShapes.MODES];
        int recognised = 0;
        float[] image = new float[size];
        for (int i = 0; i < n; i++) {
            System.arraycopy(all, i * size, image, 0, size);
            int mode = ColouredShapes.classify(image);
            if (mode >= 0) {
                counts[mode]++;
                recognised++;
            }
        }
        double threshold = COVERED_SHARE * n / ColouredShapes.MODES;
        Map<String, Integer> perMode = new LinkedHashMap<>();
        int covered = 0;
        for (int m = 0; m < ColouredShapes.MODES; m++) {
            perMode.put(ColouredShapes.modeName(m), counts[m]);
            covered += counts[m] >= threshold ? 1 : 0;
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("samples", n);
        result.put("recognised_share", recognised / (double) n);
        result.put("modes_covered", covered);
        result.put("modes", ColouredShapes.MODES);
        result.put("per_mode", perMode);
        return result;
    }
}
