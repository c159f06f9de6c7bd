package dev.kiln.check;

import java.util.List;

/**
 * The first node, in execution order, whose output disagrees with ONNX Runtime.
 *
 * @param nodeName node name (or its first output's name when unnamed)
 * @param opType operator type
 * @param inputShapes the shapes of its inputs, as Kiln computed them
 * @param output the disagreeing output
 * @param stats the error of that output
 */
public record Divergence(String nodeName, String opType, List<String> inputShapes, String output, ErrorStats stats) {}
