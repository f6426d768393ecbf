/** ONNX's protobuf schema written by field number with protobuf-java's wire format (no generated classes). */
package org.fer4j.onnx.proto;
