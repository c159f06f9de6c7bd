package dev.kiln.models.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.kiln.check.OrtRunner;
import dev.kiln.importer.Kiln;
import dev.kiln.models.text.Encoding;
import dev.kiln.models.text.ReferenceSentences;
import dev.kiln.models.text.WordPieceTokenizer;
import dev.kiln.runtime.exec.Session;
import dev.kiln.runtime.tensor.Tensor;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import onnx.OnnxMl.ModelProto;
import onnx.OnnxMl.NodeProto;
import onnx.OnnxMl.TypeProto;
import onnx.OnnxMl.ValueInfoProto;
import org.junit.jupiter.api.Test;

/**
 * all-MiniLM-L6-v2 quantized to int8 ({@code DynamicQuantizeLinear} → {@code MatMulInteger} →
 * {@code Cast} → {@code Mul} by the scales, 24 times) in Kiln against ONNX Runtime.
 *
 * <p>Dynamic quantization amplifies the last bit: {@code DynamicQuantizeLinear} rounds
 * {@code x / scale} half to even, so when {@code x / scale} lands within a few float32 ulps of
 * {@code k + 0.5}, a one-ulp difference upstream (a LayerNorm mean, a MatMul or Erf summed in
 * another order) moves one code by 1, and from there the two runs follow different but equally
 * valid quantized paths. ONNX Runtime disagrees with itself the same way between its
 * optimisation levels. So the check is in two parts:
 * <ol>
 *   <li>the quantized tensors (codes, scales, zero points) are compared node by node: they are
 *       identical up to the first code that differs, and every code that differs there is a
 *       rounding tie moved by one. Inputs whose codes never differ must meet the bar:
 *       {@code last_hidden_state} within 2e-2 and pooled embeddings with cosine ≥ 0.9999;
 *   <li>against ONNX Runtime as users run it (default optimisations), the pooled embeddings are
 *       compared with the bar over all sentences, next to ONNX Runtime's own disagreement between
 *       its unoptimised and optimised graphs on the same inputs.
 * </ol>
 */
class MiniLmQuantizedTest {
    private static final double MAX_ABS = 2e-2;
    private static final double MIN_COSINE = 0.9999;
    /**
     * How close to k + 0.5 a differing code's {@code x / scale} must be, and how close the two
     * runtimes' ratios, to count as a rounding tie (ratios reach about 255 in magnitude, where a
     * float32 ulp is 1.5e-5).
     */
    private static final double TIE = 1e-3;

    @Test
    void quantizedTensorsMatchUntilARoundingTieAndTieFreeInputsMeetTheBar() {
        ModelProto proto = parse(MiniLm.bytes(MiniLm.INT8));
        List<NodeProto> quantizers = proto.getGraph().getNodeList().stream()
                .filter(n -> n.getOpType().equals("DynamicQuantizeLinear")).toList();
        assertEquals(24, quantizers.size());
        byte[] probed = withOutputs(proto, quantizers);
        Session kiln = Kiln.load(probed);
        List<Map<String, Tensor>> cases = new ArrayList<>();
        WordPieceTokenizer tokenizer = WordPieceTokenizer.load();
        List<String> texts = sentences();
        for (String text : texts.subList(0, 96)) cases.add(MiniLm.inputs(List.of(tokenizer.encode(text))));
        for (int from = 96; from + 8 <= texts.size(); from += 8) {
            cases.add(MiniLm.inputs(tokenizer.encodeBatch(texts.subList(from, from + 8))));
        }
        for (int seq : new int[] {1, 7, 16, 128}) {
            for (int batch : new int[] {1, 8}) cases.add(MiniLm.randomInputs(seq, batch, 31L * seq + batch));
        }
        int tieFree = 0;
        double worstAbs = 0;
        double worstCos = 1;
        List<String> firstTies = new ArrayList<>();
        try (OrtRunner ort = new OrtRunner(probed, 1)) {
            for (int c = 0; c < cases.size(); c++) {
                Map<String, Tensor> in = cases.get(c);
                Map<String, Tensor> ours = new LinkedHashMap<>();
                kiln.run(in).asMap().forEach((k, v) -> ours.put(k, (Tensor) v));
                Map<String, Tensor> theirs = ort.run(in, null);
                String tie = firstTie(quantizers, ours, theirs, "case " + c);
                if (tie != null) {
                    firstTies.add(tie);
                    continue;
                }
                tieFree++;
                Tensor mask = in.get("attention_mask");
                worstAbs = Math.max(worstAbs, MiniLm.maxAbs(ours.get(MiniLm.OUTPUT), theirs.get(MiniLm.OUTPUT), mask));
                float[][] a = MiniLm.pooledReference(ours.get(MiniLm.OUTPUT), mask);
                float[][] b = MiniLm.pooledReference(theirs.get(MiniLm.OUTPUT), mask);
                for (int r = 0; r < a.length; r++) worstCos = Math.min(worstCos, Embedder.cosine(a[r], b[r]));
            }
        }
        System.out.printf("int8, %d inputs: %d with identical codes at every quantizer (last_hidden_state max abs"
                + " %.2e on real tokens, min pooled cosine 1 - %.2e), %d diverging from a rounding tie, e.g.:%n",
                cases.size(), tieFree, worstAbs, 1 - worstCos, firstTies.size());
        firstTies.stream().limit(3).forEach(t -> System.out.println("  " + t));
        assertTrue(worstAbs <= MAX_ABS, "max abs " + worstAbs);
        assertTrue(worstCos >= MIN_COSINE, "cosine " + worstCos);
        assertTrue(tieFree * 2 >= cases.size(), "most inputs meet no rounding tie: " + tieFree + " of " + cases.size());
    }

    @Test
    void pooledEmbeddingsAgainstOnnxRuntimeAsUsersRunIt() throws OrtException {
        WordPieceTokenizer tokenizer = WordPieceTokenizer.load();
        List<String> texts = sentences().subList(0, 128);
        double[] kilnVsOrt = new double[texts.size()];
        double[] ortVsOrt = new double[texts.size()];
        double worstAbs = 0;
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
            opts.setIntraOpNumThreads(1);
            opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.NO_OPT);
            try (OrtSession unoptimised = env.createSession(MiniLm.bytes(MiniLm.INT8), opts)) {
                for (int i = 0; i < texts.size(); i++) {
                    Encoding e = tokenizer.encode(texts.get(i));
                    Map<String, Tensor> in = MiniLm.inputs(List.of(e));
                    Tensor ours = MiniLm.kilnHidden(MiniLm.INT8, in);
                    Tensor ref = MiniLm.ortHidden(MiniLm.INT8, in);
                    Tensor plain = run(env, unoptimised, in);
                    worstAbs = Math.max(worstAbs, MiniLm.maxAbs(ours, ref, in.get("attention_mask")));
                    float[] r = MiniLm.pooledReference(ref, in.get("attention_mask"))[0];
                    kilnVsOrt[i] = Embedder.cosine(MiniLm.pooledReference(ours, in.get("attention_mask"))[0], r);
                    ortVsOrt[i] = Embedder.cosine(MiniLm.pooledReference(plain, in.get("attention_mask"))[0], r);
                }
            }
        }
        System.out.printf("int8, %d sentences one at a time, against ORT (default optimisations): Kiln %s, max abs %.3f;"
                + " ORT unoptimised %s%n", texts.size(), summary(kilnVsOrt), worstAbs, summary(ortVsOrt));
        double[] sorted = kilnVsOrt.clone();
        Arrays.sort(sorted);
        assertTrue(sorted[sorted.length / 2] >= MIN_COSINE, "median cosine " + sorted[sorted.length / 2]);
        assertTrue(sorted[0] >= 0.98, "min cosine " + sorted[0]);
    }

    /** Hand-picked and random sentences, as in the fp32 pipeline test. */
    private static List<String> sentences() {
        List<String> texts = new ArrayList<>(ReferenceSentences.HAND_PICKED);
        texts.addAll(ReferenceSentences.random(7L, 150));
        return texts;
    }

    /**
     * Compares the quantizers in graph order; null when every code matches, else where the first
     * codes differ. Asserts that everything before is identical and that those codes are ties.
     */
    private static String firstTie(List<NodeProto> quantizers, Map<String, Tensor> ours, Map<String, Tensor> theirs,
            String what) {
        for (NodeProto q : quantizers) {
            String x = q.getInput(0);
            String codes = q.getOutput(0);
            String scale = q.getOutput(1);
            String zero = q.getOutput(2);
            float s = ours.get(scale).floats()[0];
            float s2 = theirs.get(scale).floats()[0];
            assertEquals(s2, s, 1e-5 * Math.abs(s2), what + ": scale of " + codes);
            byte[] a = ours.get(codes).bytes();
            byte[] b = theirs.get(codes).bytes();
            float[] xs = ours.get(x).floats();
            float[] xt = theirs.get(x).floats();
            double xAbs = MiniLm.maxAbs(ours.get(x), theirs.get(x), null);
            assertTrue(xAbs <= 1e-4, what + ": input of " + codes + " differs by " + xAbs);
            int zp = ours.get(zero).bytes()[0] & 0xFF;
            assertEquals(zp, theirs.get(zero).bytes()[0] & 0xFF, what + ": zero point of " + codes);
            int differ = 0;
            double worst = 0;
            for (int i = 0; i < a.length; i++) {
                if (a[i] == b[i]) continue;
                differ++;
                // each code is its own runtime's x / scale rounded half to even; the two ratios
                // are a hair apart and straddle k + 0.5
                float r1 = xs[i] / s;
                float r2 = xt[i] / s2;
                String where = what + ": code " + i + " of " + codes + " (x / scale " + r1 + " vs " + r2 + ")";
                assertEquals(a[i] & 0xFF, code(r1, zp), where);
                assertEquals(b[i] & 0xFF, code(r2, zp), where);
                double fromTie = Math.abs(Math.abs(r1) - Math.floor(Math.abs(r1)) - 0.5);
                worst = Math.max(worst, fromTie);
                assertTrue(Math.abs(r1 - r2) <= TIE && fromTie <= TIE, where + " is no rounding tie");
            }
            if (differ > 0) return String.format("%s: %s (%d codes, x/scale within %.1e of k+0.5)", what, codes, differ, worst);
        }
        return null;
    }

    /** The uint8 code of {@code x / scale} per the spec: rounded half to even, plus the zero point, saturated. */
    private static int code(float ratio, int zp) {
        return (int) Math.max(0, Math.min(255, Math.rint(ratio) + zp));
    }

    /** The model with every quantizer's input and outputs made graph outputs, so both runtimes report them. */
    private static byte[] withOutputs(ModelProto proto, List<NodeProto> quantizers) {
        var g = proto.getGraph().toBuilder();
        for (NodeProto q : quantizers) {
            int[] types = {1, 2, 1, 2}; // float, uint8, float, uint8
            List<String> names = List.of(q.getInput(0), q.getOutput(0), q.getOutput(1), q.getOutput(2));
            for (int i = 0; i < names.size(); i++) {
                g.addOutput(ValueInfoProto.newBuilder().setName(names.get(i)).setType(TypeProto.newBuilder()
                        .setTensorType(TypeProto.Tensor.newBuilder().setElemType(types[i]))));
            }
        }
        return proto.toBuilder().setGraph(g).build().toByteArray();
    }

    private static ModelProto parse(byte[] bytes) {
        try {
            return ModelProto.parseFrom(bytes);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    private static Tensor run(OrtEnvironment env, OrtSession s, Map<String, Tensor> in) throws OrtException {
        Map<String, OnnxTensor> feeds = new LinkedHashMap<>();
        try {
            for (var e : in.entrySet()) {
                feeds.put(e.getKey(), OnnxTensor.createTensor(env, LongBuffer.wrap(e.getValue().longs()),
                        e.getValue().shape().dims()));
            }
            try (OrtSession.Result r = s.run(feeds)) {
                OnnxTensor t = (OnnxTensor) r.get(MiniLm.OUTPUT).orElseThrow();
                FloatBuffer fb = t.getFloatBuffer();
                float[] f = new float[fb.remaining()];
                fb.get(f);
                return Tensor.of(f, t.getInfo().getShape());
            }
        } finally {
            feeds.values().forEach(OnnxTensor::close);
        }
    }

    private static String summary(double[] cos) {
        double[] s = cos.clone();
        Arrays.sort(s);
        long meeting = Arrays.stream(cos).filter(c -> c >= MIN_COSINE).count();
        return String.format("min cosine %.5f, median 1 - %.1e, %d/%d >= %s", s[0], 1 - s[s.length / 2], meeting, s.length,
                MIN_COSINE);
    }
}
