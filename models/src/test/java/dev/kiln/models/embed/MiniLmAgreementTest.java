package dev.kiln.models.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.importer.Kiln;
import dev.kiln.runtime.exec.Session;
import dev.kiln.runtime.graph.ValueInfo;
import dev.kiln.runtime.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * all-MiniLM-L6-v2 (fp32) in Kiln against ONNX Runtime on identical inputs: the token
 * embeddings ({@code last_hidden_state}) agree to 1e-4 at every position, padding included.
 */
class MiniLmAgreementTest {
    private static final double TOLERANCE = 1e-4;

    @Test
    void signatureIsTheOneTheEmbedderFeeds() {
        Session s = MiniLm.kiln(MiniLm.FP32);
        assertEquals(List.of("input_ids", "attention_mask", "token_type_ids"),
                s.inputs().stream().map(ValueInfo::name).toList());
        assertEquals(List.of(MiniLm.OUTPUT), s.outputs().stream().map(ValueInfo::name).toList());
    }

    @ParameterizedTest(name = "seq {0}, batch {1}")
    @CsvSource({"1, 1", "1, 8", "7, 1", "7, 8", "16, 1", "16, 8", "128, 1", "128, 8", "256, 1", "256, 8"})
    void lastHiddenStateAgreesWithOnnxRuntime(int seq, int batch) {
        Map<String, Tensor> in = MiniLm.randomInputs(seq, batch, 1000L * seq + batch);
        long[] mask = in.get("attention_mask").longs();
        if (batch > 1 && seq > 1) {
            boolean padded = false;
            for (int r = 1; r < batch; r++) padded |= mask[r * seq + seq - 1] == 0;
            assertTrue(padded, "some rows end in padding");
        }
        Tensor ours = MiniLm.kilnHidden(MiniLm.FP32, in);
        Tensor ref = MiniLm.ortHidden(MiniLm.FP32, in);
        assertEquals(ref.shape(), ours.shape());
        double all = MiniLm.maxAbs(ours, ref, null);
        double real = MiniLm.maxAbs(ours, ref, in.get("attention_mask"));
        System.out.printf("fp32 seq %3d batch %d: max abs %.2e (real tokens %.2e)%n", seq, batch, all, real);
        assertTrue(all <= TOLERANCE, "max abs " + all + " > " + TOLERANCE + " at seq " + seq + ", batch " + batch);
    }

    @Test
    void loadingFromAFileGivesTheSameResults(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("minilm.onnx");
        Files.write(file, MiniLm.bytes(MiniLm.FP32));
        Map<String, Tensor> in = MiniLm.randomInputs(9, 3, 7);
        Tensor fromFile = Kiln.load(file).run(in).tensor(MiniLm.OUTPUT);
        assertArrayEquals(MiniLm.kilnHidden(MiniLm.FP32, in).floats(), fromFile.floats());
    }
}
