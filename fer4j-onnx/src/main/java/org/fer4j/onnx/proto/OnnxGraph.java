package org.fer4j.onnx.proto;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An ONNX graph under construction, encoded straight into ONNX's protobuf schema ({@code onnx.proto}:
 * ModelProto, GraphProto, NodeProto, TensorProto, ValueInfoProto, TypeProto, AttributeProto,
 * OperatorSetIdProto, StringStringEntryProto) by field number. Only what fer4j's networks need is here:
 * float and int64 initializers, nodes with int and ints attributes, float tensor inputs and outputs
 * whose dimensions are numbers or named (dynamic) axes.
 */
public final class OnnxGraph {
    // TensorProto.DataType
    private static final int FLOAT = 1;
    private static final int INT64 = 7;
    // AttributeProto.AttributeType
    private static final int ATTR_INT = 2;
    private static final int ATTR_INTS = 7;
    /** IR version 8 is the one that goes with opset 17 (ONNX 1.12). */
    private static final long IR_VERSION = 8;

    private final String name;
    private final List<ProtoMessage> nodes = new ArrayList<>();
    private final List<ProtoMessage> initializers = new ArrayList<>();
    private final List<ProtoMessage> inputs = new ArrayList<>();
    private final List<ProtoMessage> outputs = new ArrayList<>();
    private int counter;

    public OnnxGraph(String name) {
        this.name = name;
    }

    /** A node attribute: one integer or a list of them. */
    public record Attribute(String name, long[] ints, boolean list) {
        public static Attribute of(String name, long value) {
            return new Attribute(name, new long[] {value}, false);
        }

        public static Attribute ints(String name, long... values) {
            return new Attribute(name, values.clone(), true);
        }

        ProtoMessage encode() {
            ProtoMessage m = new ProtoMessage().string(1, name);
            if (list) {
                m.packedInt64(8, ints).int32(20, ATTR_INTS);
            } else {
                m.int64(3, ints[0]).int32(20, ATTR_INT);
            }
            return m;
        }
    }

    /** Adds a float constant (weights) and returns its name. */
    public String initializer(String tensorName, long[] dims, float[] values) {
        long count = 1;
        for (long d : dims) {
            count *= d;
        }
        if (count != values.length) {
            throw new IllegalArgumentException(tensorName + ": " + values.length + " values for dims " + java.util.Arrays.toString(dims));
        }
        ByteBuffer raw = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(values);
        initializers.add(new ProtoMessage().packedInt64(1, dims).int32(2, FLOAT).string(8, tensorName).bytes(9, raw.array()));
        return tensorName;
    }

    /** Adds an int64 constant (e.g. the axes of a reshape) and returns its name. */
    public String initializer(String tensorName, long[] dims, long[] values) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        raw.asLongBuffer().put(values);
        initializers.add(new ProtoMessage().packedInt64(1, dims).int32(2, INT64).string(8, tensorName).bytes(9, raw.array()));
        return tensorName;
    }

    /** Adds a node with one output of a fresh name, which it returns. */
    public String node(String opType, List<String> in, Attribute... attributes) {
        String out = opType.toLowerCase(java.util.Locale.ROOT) + "_" + (counter++);
        node(opType, in, List.of(out), attributes);
        return out;
    }

    /** Adds a node with the given outputs. */
    public void node(String opType, List<String> in, List<String> out, Attribute... attributes) {
        ProtoMessage m = new ProtoMessage();
        in.forEach(i -> m.string(1, i));
        out.forEach(o -> m.string(2, o));
        m.string(3, opType + "_" + nodes.size()).string(4, opType);
        for (Attribute a : attributes) {
            m.message(5, a.encode());
        }
        nodes.add(m);
    }

    /** Declares a float input; each dimension is a Long (fixed) or a String (a named, dynamic axis). */
    public void input(String valueName, Object... dims) {
        inputs.add(valueInfo(valueName, dims));
    }

    /** Declares a float output, dimensions as for {@link #input}. */
    public void output(String valueName, Object... dims) {
        outputs.add(valueInfo(valueName, dims));
    }

    private static ProtoMessage valueInfo(String valueName, Object... dims) {
        ProtoMessage shape = new ProtoMessage();
        for (Object d : dims) {
            ProtoMessage dim = new ProtoMessage();
            if (d instanceof String param) {
                dim.string(2, param);
            } else {
                dim.int64(1, ((Number) d).longValue());
            }
            shape.message(1, dim);
        }
        ProtoMessage tensorType = new ProtoMessage().int32(1, FLOAT).message(2, shape);
        return new ProtoMessage().string(1, valueName).message(2, new ProtoMessage().message(1, tensorType));
    }

    /**
     * The whole model file: ModelProto with this graph, the default-domain opset and the metadata
     * ({@code metadata_props}, read back by ONNX Runtime's custom metadata).
     */
    public byte[] toModel(int opset, String producer, String producerVersion, String docString,
                          Map<String, String> metadata) {
        ProtoMessage graph = new ProtoMessage();
        nodes.forEach(n -> graph.message(1, n));
        graph.string(2, name);
        initializers.forEach(t -> graph.message(5, t));
        inputs.forEach(i -> graph.message(11, i));
        outputs.forEach(o -> graph.message(12, o));
        ProtoMessage model = new ProtoMessage().int64(1, IR_VERSION).string(2, producer).string(3, producerVersion)
                .string(6, docString).message(7, graph)
                .message(8, new ProtoMessage().string(1, "").int64(2, opset));
        metadata.forEach((k, v) -> model.message(14, new ProtoMessage().string(1, k).string(2, v)));
        return model.toByteArray();
    }
}
