package org.gan4j.dl4j.internal.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashSet;
import java.util.Set;
import onnx.Onnx;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.protobuf.ByteString;

/**
 * An ONNX graph under construction: nodes in execution order, float and int64 initializers, float inputs and outputs
 * with a symbolic batch dimension, and names that cannot collide.
 */
final class OnnxGraph {
    /** The symbolic batch dimension of every input and output. */
    static final String BATCH = "n";

    private final Onnx.GraphProto.Builder graph = Onnx.GraphProto.newBuilder();
    private final Set<String> names = new HashSet<>();
    private int nodes;

    OnnxGraph(String name) {
        graph.setName(name);
    }

    /**
     * @param name  the input's name
     * @param shape its shape without the batch dimension
     * @return the name
     */
    String input(String name, long... shape) {
        return typedInput(name, Onnx.TensorProto.DataType.FLOAT_VALUE, shape);
    }

    /**
     * @param name     the input's name
     * @param elemType its ONNX element type
     * @param shape    its shape without the batch dimension
     * @return the name
     */
    String typedInput(String name, int elemType, long... shape) {
        claim(name);
        graph.addInput(valueInfo(name, elemType, shape));
        return name;
    }

    /**
     * Declares a graph output, as an Identity of {@code value} so that the output has the given name.
     *
     * @param name  the output's name
     * @param value the value it holds
     * @param shape its shape without the batch dimension
     */
    void output(String name, String value, long... shape) {
        typedOutput(name, Onnx.TensorProto.DataType.FLOAT_VALUE, value, shape);
    }

    /**
     * Declares a graph output of another element type.
     *
     * @param name     the output's name
     * @param elemType its ONNX element type
     * @param value    the value it holds
     * @param shape    its shape without the batch dimension
     */
    void typedOutput(String name, int elemType, String value, long... shape) {
        claim(name);
        graph.addNode(Onnx.NodeProto.newBuilder().setOpType("Identity").setName("output_" + name)
                .addInput(value).addOutput(name));
        graph.addOutput(valueInfo(name, elemType, shape));
    }

    /**
     * @param name  the initializer's name (a parameter key such as {@code generator/0_dense/W})
     * @param array its values, stored as float32 in C order
     * @return the name
     */
    String floats(String name, INDArray array) {
        claim(name);
        INDArray values = array.castTo(DataType.FLOAT).dup('c');
        float[] data = values.data().asFloat();
        ByteBuffer bytes = ByteBuffer.allocate(data.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(data);
        Onnx.TensorProto.Builder tensor = Onnx.TensorProto.newBuilder().setName(name)
                .setDataType(Onnx.TensorProto.DataType.FLOAT_VALUE).setRawData(ByteString.copyFrom(bytes.array()));
        for (long d : values.shape()) {
            tensor.addDims(d);
        }
        graph.addInitializer(tensor);
        return name;
    }

    /**
     * @param name  the initializer's name
     * @param value a float32 scalar (rank 0)
     * @return the name
     */
    String scalar(String name, float value) {
        claim(name);
        ByteBuffer bytes = ByteBuffer.allocate(Float.BYTES).order(ByteOrder.LITTLE_ENDIAN).putFloat(value);
        graph.addInitializer(Onnx.TensorProto.newBuilder().setName(name).setDataType(Onnx.TensorProto.DataType.FLOAT_VALUE)
                .setRawData(ByteString.copyFrom(bytes.array())));
        return name;
    }

    /**
     * @param name   the initializer's name
     * @param values its int64 values, one dimension
     * @return the name
     */
    String int64s(String name, long... values) {
        claim(name);
        Onnx.TensorProto.Builder tensor = Onnx.TensorProto.newBuilder().setName(name)
                .setDataType(Onnx.TensorProto.DataType.INT64_VALUE).addDims(values.length);
        for (long v : values) {
            tensor.addInt64Data(v);
        }
        graph.addInitializer(tensor);
        return name;
    }

    /**
     * Adds a node with one output.
     *
     * @param opType     the ONNX operator
     * @param output     the output's name
     * @param attributes its attributes
     * @param inputs     its inputs (optional trailing inputs left out, never given as empty names)
     * @return the output's name
     */
    String node(String opType, String output, Attributes attributes, String... inputs) {
        claim(output);
        Onnx.NodeProto.Builder node = Onnx.NodeProto.newBuilder().setOpType(opType).setName(opType + "_" + nodes++)
                .addOutput(output);
        for (String in : inputs) {
            node.addInput(in);
        }
        attributes.addTo(node);
        graph.addNode(node);
        return output;
    }

    Onnx.GraphProto build() {
        return graph.build();
    }

    private void claim(String name) {
        if (!names.add(name)) {
            throw new IllegalStateException("ONNX value name '" + name + "' is used twice");
        }
    }

    private static Onnx.ValueInfoProto valueInfo(String name, int elemType, long... shape) {
        Onnx.TensorShapeProto.Builder dims = Onnx.TensorShapeProto.newBuilder()
                .addDim(Onnx.TensorShapeProto.Dimension.newBuilder().setDimParam(BATCH));
        for (long d : shape) {
            dims.addDim(Onnx.TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        Onnx.TypeProto.Tensor.Builder tensor = Onnx.TypeProto.Tensor.newBuilder()
                .setElemType(elemType).setShape(dims);
        return Onnx.ValueInfoProto.newBuilder().setName(name)
                .setType(Onnx.TypeProto.newBuilder().setTensorType(tensor)).build();
    }

    /** A node's attributes, built fluently. */
    static final class Attributes {
        private final Onnx.NodeProto.Builder holder = Onnx.NodeProto.newBuilder();

        static Attributes none() {
            return new Attributes();
        }

        Attributes ints(String name, long... values) {
            Onnx.AttributeProto.Builder a = Onnx.AttributeProto.newBuilder().setName(name)
                    .setType(Onnx.AttributeProto.AttributeType.INTS);
            for (long v : values) {
                a.addInts(v);
            }
            holder.addAttribute(a);
            return this;
        }

        Attributes integer(String name, long value) {
            holder.addAttribute(Onnx.AttributeProto.newBuilder().setName(name)
                    .setType(Onnx.AttributeProto.AttributeType.INT).setI(value));
            return this;
        }

        Attributes real(String name, double value) {
            holder.addAttribute(Onnx.AttributeProto.newBuilder().setName(name)
                    .setType(Onnx.AttributeProto.AttributeType.FLOAT).setF((float) value));
            return this;
        }

        private void addTo(Onnx.NodeProto.Builder node) {
            node.addAllAttribute(holder.getAttributeList());
        }
    }
}
