package org.gan4j.metrics.onnx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.onnxruntime.AllocatorWithDefaultOptions;
import org.bytedeco.onnxruntime.Env;
import org.bytedeco.onnxruntime.MemoryInfo;
import org.bytedeco.onnxruntime.RunOptions;
import org.bytedeco.onnxruntime.Session;
import org.bytedeco.onnxruntime.SessionOptions;
import org.bytedeco.onnxruntime.TensorTypeAndShapeInfo;
import org.bytedeco.onnxruntime.TypeInfo;
import org.bytedeco.onnxruntime.Value;
import org.bytedeco.onnxruntime.ValueVector;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.onnxruntime.util.ONNXUtils;

import static org.bytedeco.onnxruntime.global.onnxruntime.ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT;
import static org.bytedeco.onnxruntime.global.onnxruntime.ORT_ENABLE_ALL;
import static org.bytedeco.onnxruntime.global.onnxruntime.ORT_LOGGING_LEVEL_ERROR;
import static org.bytedeco.onnxruntime.global.onnxruntime.OrtArenaAllocator;
import static org.bytedeco.onnxruntime.global.onnxruntime.OrtMemTypeDefault;

/** One onnxruntime session over a model held in memory: its single float input, its outputs, and a run. */
final class OnnxModel implements AutoCloseable {
    private final String description;
    private final Env env;
    private final SessionOptions options;
    private final Session session;
    private final MemoryInfo memory;
    private final RunOptions runOptions;
    private final String input;
    private final long[] inputShape;
    private final List<String> outputs;

    OnnxModel(byte[] model, String description, int threads) {
        this.description = description;
        this.env = new Env(ORT_LOGGING_LEVEL_ERROR, "gan4j");
        this.options = new SessionOptions();
        options.SetIntraOpNumThreads(threads);
        options.SetInterOpNumThreads(1);
        options.SetGraphOptimizationLevel(ORT_ENABLE_ALL);
        try {
            this.session = new Session(env, new BytePointer(model), model.length, options);
        } catch (RuntimeException e) {
            options.close();
            env.close();
            throw new IllegalArgumentException("model " + description + " is not a valid ONNX model: " + e.getMessage(), e);
        }
        this.memory = MemoryInfo.CreateCpu(OrtArenaAllocator, OrtMemTypeDefault);
        this.runOptions = new RunOptions();
        AllocatorWithDefaultOptions allocator = new AllocatorWithDefaultOptions();
        if (session.GetInputCount() != 1) {
            long count = session.GetInputCount();
            close();
            throw new IllegalArgumentException("model " + description + " must have exactly one input but has " + count);
        }
        this.input = session.GetInputName(0, allocator.asOrtAllocator()).getString();
        this.inputShape = shapeOf(session.GetInputTypeInfo(0));
        List<String> names = new ArrayList<>();
        for (long i = 0; i < session.GetOutputCount(); i++) {
            names.add(session.GetOutputName(i, allocator.asOrtAllocator()).getString());
        }
        this.outputs = List.copyOf(names);
    }

    private static long[] shapeOf(TypeInfo info) {
        TensorTypeAndShapeInfo tensor = info.GetTensorTypeAndShapeInfo();
        int rank = (int) tensor.GetDimensionsCount();
        long[] shape = new long[rank];
        LongPointer dims = tensor.GetShape();
        if (dims != null) {
            dims.get(shape);
        }
        return shape;
    }

    String description() {
        return description;
    }

    String input() {
        return input;
    }

    /** @return the input's shape as declared; a dynamic dimension is -1 */
    long[] inputShape() {
        return inputShape.clone();
    }

    List<String> outputs() {
        return outputs;
    }

    /**
     * Runs the model on one batch.
     *
     * @param batch    a float array of the model's input shape (with the batch dimension filled in)
     * @param wanted   the outputs to fetch
     * @return each wanted output as a float array of its own shape, copied out of onnxruntime's memory
     */
    synchronized Map<String, INDArray> run(INDArray batch, List<String> wanted) {
        INDArray contiguous = batch.dataType() == DataType.FLOAT && batch.ordering() == 'c' && !batch.isView()
                ? batch : batch.castTo(DataType.FLOAT).dup('c');
        try (PointerScope scope = new PointerScope()) {
            Value tensor = ONNXUtils.getTensor(contiguous, memory);
            PointerPointer<BytePointer> inputNames = new PointerPointer<>(1);
            inputNames.put(0, new BytePointer(input));
            PointerPointer<BytePointer> outputNames = new PointerPointer<>(wanted.size());
            for (int i = 0; i < wanted.size(); i++) {
                outputNames.put(i, new BytePointer(wanted.get(i)));
            }
            ValueVector values;
            try {
                values = session.Run(runOptions, inputNames, tensor, 1, outputNames, wanted.size());
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("model " + description + " failed on input "
                        + Arrays.toString(contiguous.shape()) + ": " + e.getMessage(), e);
            }
            Map<String, INDArray> result = new LinkedHashMap<>();
            for (int i = 0; i < wanted.size(); i++) {
                result.put(wanted.get(i), copy(values.get(i), wanted.get(i)));
            }
            return result;
        }
    }

    private INDArray copy(Value value, String name) {
        TensorTypeAndShapeInfo info = value.GetTensorTypeAndShapeInfo();
        if (info.GetElementType() != ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT) {
            throw new IllegalArgumentException("output " + name + " of model " + description
                    + " must be a float tensor but has ONNX element type " + info.GetElementType());
        }
        long[] shape = new long[(int) info.GetDimensionsCount()];
        info.GetShape().get(shape);
        float[] data = new float[Math.toIntExact(info.GetElementCount())];
        FloatPointer pointer = value.GetTensorMutableDataFloat();
        pointer.capacity(data.length).get(data);
        return Nd4j.create(data, shape, 'c');
    }

    @Override
    public synchronized void close() {
        session.close();
        options.close();
        env.close();
    }
}
