package dev.kiln.importer;

import dev.kiln.runtime.ModelLoadException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import onnx.OnnxMl.AttributeProto;
import onnx.OnnxMl.FunctionProto;
import onnx.OnnxMl.GraphProto;
import onnx.OnnxMl.NodeProto;

/**
 * Expands calls of model-local functions ({@code ModelProto.functions}) into their bodies, with
 * inputs, outputs and attribute references bound and internal names made unique.
 */
final class FunctionInliner {
    private static final int MAX_DEPTH = 32;
    private final Map<String, FunctionProto> functions = new HashMap<>();
    private int counter;

    FunctionInliner(List<FunctionProto> fs) {
        for (FunctionProto f : fs) functions.put(key(f.getDomain(), f.getName(), f.getOverload()), f);
    }

    private static String key(String domain, String name, String overload) {
        return dev.kiln.runtime.graph.Node.normalizeDomain(domain) + ":" + name + ":" + overload;
    }

    GraphProto inline(GraphProto g) {
        if (functions.isEmpty()) return g;
        List<NodeProto> out = new ArrayList<>();
        for (NodeProto n : g.getNodeList()) expand(n, out, 0);
        return g.toBuilder().clearNode().addAllNode(out).build();
    }

    private void expand(NodeProto call, List<NodeProto> out, int depth) {
        FunctionProto f = functions.get(key(call.getDomain(), call.getOpType(), call.getOverload()));
        if (f == null) {
            out.add(call);
            return;
        }
        if (depth > MAX_DEPTH) {
            throw new ModelLoadException("Function '" + f.getName() + "' calls itself more than " + MAX_DEPTH + " levels deep");
        }
        String prefix = (call.getName().isEmpty() ? f.getName() : call.getName()) + "/" + (counter++) + "/";
        Map<String, String> rename = new HashMap<>();
        for (int i = 0; i < f.getInputCount(); i++) {
            rename.put(f.getInput(i), i < call.getInputCount() ? call.getInput(i) : "");
        }
        for (int i = 0; i < f.getOutputCount(); i++) {
            rename.put(f.getOutput(i), i < call.getOutputCount() ? call.getOutput(i) : "");
        }
        Map<String, AttributeProto> bound = new HashMap<>();
        for (AttributeProto a : f.getAttributeProtoList()) bound.put(a.getName(), a);
        for (AttributeProto a : call.getAttributeList()) bound.put(a.getName(), a);
        for (NodeProto body : f.getNodeList()) {
            NodeProto.Builder b = body.toBuilder().clearInput().clearOutput().clearAttribute();
            b.setName(prefix + body.getName());
            for (String in : body.getInputList()) b.addInput(mapName(in, rename, prefix));
            for (String o : body.getOutputList()) b.addOutput(mapName(o, rename, prefix));
            for (AttributeProto a : body.getAttributeList()) {
                if (a.getRefAttrName().isEmpty()) {
                    b.addAttribute(a);
                } else {
                    AttributeProto v = bound.get(a.getRefAttrName());
                    if (v != null) b.addAttribute(v.toBuilder().setName(a.getName()).build());
                }
            }
            expand(b.build(), out, depth + 1);
        }
    }

    private static String mapName(String name, Map<String, String> rename, String prefix) {
        if (name.isEmpty()) return name;
        String r = rename.get(name);
        return r != null ? r : prefix + name;
    }
}
