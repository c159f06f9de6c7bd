package dev.kiln.importer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kiln.runtime.ModelLoadException;
import dev.kiln.runtime.exec.SessionOptions;
import dev.kiln.runtime.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import onnx.OnnxMl.GraphProto;
import onnx.OnnxMl.ModelProto;
import onnx.OnnxMl.NodeProto;
import onnx.OnnxMl.OperatorSetIdProto;
import onnx.OnnxMl.StringStringEntryProto;
import onnx.OnnxMl.TensorProto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * External data stays inside the model's folder by real path: symbolic links to files or folders
 * outside it, {@code ..} in any disguise, folders, devices and pipes are refused.
 */
class ExternalDataTest {
    @TempDir Path root;

    /** y = x + w, with w: float32[3] read from {@code location}. */
    private static byte[] model(String location) {
        TensorProto w = TensorProto.newBuilder().setName("w").setDataType(1).addDims(3)
                .setDataLocation(TensorProto.DataLocation.EXTERNAL)
                .addExternalData(StringStringEntryProto.newBuilder().setKey("location").setValue(location))
                .addExternalData(StringStringEntryProto.newBuilder().setKey("length").setValue("12")).build();
        GraphProto g = GraphProto.newBuilder().setName("g")
                .addInput(OnnxImporterTest.floatValue("x", 3))
                .addOutput(OnnxImporterTest.floatValue("y", 3))
                .addInitializer(w)
                .addNode(NodeProto.newBuilder().setOpType("Add").addInput("x").addInput("w").addOutput("y")).build();
        return ModelProto.newBuilder().setIrVersion(8).setGraph(g)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(17)).build().toByteArray();
    }

    private static void weights(Path file, float... v) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) b.putFloat(f);
        Files.createDirectories(file.getParent());
        Files.write(file, b.array());
    }

    /** The model folder {@code root/model} holding a model that reads {@code location}. */
    private Path modelFile(String location) throws IOException {
        Path dir = Files.createDirectories(root.resolve("model"));
        Path file = dir.resolve("m.onnx");
        Files.write(file, model(location));
        return file;
    }

    private static String refusal(Path model) {
        return assertThrows(ModelLoadException.class, () -> OnnxImporter.read(model)).getMessage();
    }

    @Test
    void dataInsideTheFolderLoadsAndRuns() throws IOException {
        Path model = modelFile("sub/w.bin");
        weights(model.resolveSibling("sub/w.bin"), 1, 2, 3);
        var s = Kiln.load(model);
        Tensor y = s.run(Map.of("x", Tensor.of(new float[] {1, 1, 1}, 3))).tensor("y");
        assertArrayEquals(new float[] {2, 3, 4}, y.floats());
    }

    @Test
    void fileSymlinkOutsideTheFolderIsRefused() throws IOException {
        Path model = modelFile("weights.bin");
        Path outside = root.resolve("secret.bin");
        weights(outside, 6, 6, 6); // the right size: only the link makes it wrong
        Files.createSymbolicLink(model.resolveSibling("weights.bin"), outside);
        String m = refusal(model);
        assertTrue(m.contains("outside the model's folder") && m.contains("'w'"), m);
    }

    @Test
    void fileSymlinkToEtcPasswdIsRefused() throws IOException {
        assumeTrue(Files.isRegularFile(Path.of("/etc/passwd")));
        Path model = modelFile("weights.bin");
        Files.createSymbolicLink(model.resolveSibling("weights.bin"), Path.of("/etc/passwd"));
        assertTrue(refusal(model).contains("outside the model's folder"));
    }

    @Test
    void directorySymlinkToTheParentIsRefused() throws IOException {
        Path model = modelFile("link/w.bin");
        weights(root.resolve("w.bin"), 1, 2, 3);
        Files.createSymbolicLink(model.resolveSibling("link"), Path.of(".."));
        assertTrue(refusal(model).contains("outside the model's folder"));
    }

    @Test
    void linkChainsAndDotDotAfterALinkAreRefused() throws IOException {
        Path outside = root.resolve("elsewhere/deep");
        weights(root.resolve("elsewhere/w.bin"), 1, 2, 3);
        Files.createDirectories(outside);
        Path model = modelFile("hop/../w.bin"); // by name "w.bin" inside; by real path elsewhere/w.bin
        Path dir = model.getParent();
        Files.createSymbolicLink(dir.resolve("hop"), outside);
        assertTrue(refusal(model).contains("outside"), "dot-dot after a directory link");

        Files.write(model, model("a.bin"));
        Files.createSymbolicLink(dir.resolve("a.bin"), dir.resolve("b.bin"));
        Files.createSymbolicLink(dir.resolve("b.bin"), root.resolve("elsewhere/w.bin"));
        assertTrue(refusal(model).contains("outside"), "a chain of two links");
    }

    @Test
    void dotDotFormsAreRefused() throws IOException {
        weights(root.resolve("w.bin"), 1, 2, 3);
        Files.createDirectories(root.resolve("model/sub"));
        for (String loc : new String[] {"../w.bin", "./../w.bin", "sub/../../w.bin", "sub/./../.././w.bin",
                "sub//..//..//w.bin", "../model/../w.bin", root.resolve("w.bin").toString()}) {
            Path model = modelFile(loc);
            assertThrows(ModelLoadException.class, () -> OnnxImporter.read(model), loc);
        }
    }

    @Test
    void foldersDevicesAndPipesAreRefused() throws Exception {
        Files.createDirectories(root.resolve("model/sub"));
        for (String loc : new String[] {"sub", ".", "sub/..", ""}) {
            Path model = modelFile(loc);
            assertThrows(ModelLoadException.class, () -> OnnxImporter.read(model), "'" + loc + "'");
        }
        Path model = modelFile("zero");
        if (Files.exists(Path.of("/dev/zero"))) {
            // even when the caller allows /dev, a device is not a regular file
            Files.createSymbolicLink(model.resolveSibling("zero"), Path.of("/dev/zero"));
            LoadOptions devAllowed = LoadOptions.defaults().withAllowedDataFolder(Path.of("/dev"));
            String m = assertThrows(ModelLoadException.class, () -> OnnxImporter.read(model, devAllowed)).getMessage();
            assertTrue(m.contains("not a regular file"), m);
        }
        Path fifo = model.resolveSibling("pipe");
        boolean made = false;
        try {
            made = new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0;
        } catch (IOException e) {
            // no mkfifo here
        }
        if (made) {
            Files.write(model, model("pipe"));
            assertTrue(refusal(model).contains("not a regular file"));
        }
    }

    @Test
    void aFolderTheCallerAllowsMayHoldTheData() throws IOException {
        Path shared = root.resolve("cache");
        weights(shared.resolve("w.bin"), 4, 5, 6);
        Path model = modelFile("weights.bin");
        Files.createSymbolicLink(model.resolveSibling("weights.bin"), shared.resolve("w.bin"));
        refusal(model);
        var s = Kiln.load(model, SessionOptions.defaults(), LoadOptions.defaults().withAllowedDataFolder(shared));
        Tensor y = s.run(Map.of("x", Tensor.of(new float[] {0, 0, 0}, 3))).tensor("y");
        assertArrayEquals(new float[] {4, 5, 6}, y.floats());
    }

    @Test
    void aDeclaredSizeBeyondTheFileIsRefusedBeforeAllocating() throws IOException {
        Path model = modelFile("w.bin");
        weights(model.resolveSibling("w.bin"), 1, 2); // 8 bytes where 12 are declared
        assertTrue(refusal(model).contains("outside file"));
    }
}
