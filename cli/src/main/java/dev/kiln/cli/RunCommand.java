package dev.kiln.cli;

import dev.kiln.importer.Kiln;
import dev.kiln.importer.LoadOptions;
import dev.kiln.runtime.exec.Outputs;
import dev.kiln.runtime.exec.RunOptions;
import dev.kiln.runtime.exec.RunProfile;
import dev.kiln.runtime.exec.Session;
import dev.kiln.runtime.exec.SessionOptions;
import dev.kiln.runtime.graph.ValueInfo;
import dev.kiln.runtime.io.Npy;
import dev.kiln.runtime.io.RandomInputs;
import dev.kiln.runtime.tensor.Tensor;
import dev.kiln.runtime.tensor.Value;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kiln run MODEL.onnx}: runs a model on given or generated inputs. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Runs a model and prints each output's name, dtype, shape and first values.")
final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "The .onnx model file.")
    Path model;

    @Option(names = "--input", description = "An input as name=file.npy (repeatable). Inputs not given are generated.")
    List<String> inputs = List.of();

    @Option(names = "--dims", description = "Bindings of symbolic dims for generated inputs, e.g. batch=2,seq=128.")
    String dims;

    @Option(names = "--seed", description = "Seed for generated inputs (default ${DEFAULT-VALUE}).", defaultValue = "0")
    long seed;

    @Option(names = "--out", description = "Folder to write each output as <name>.npy.")
    Path out;

    @Option(names = "--profile", paramLabel = "RUNS", description = "After the first run and the warm-up runs,"
            + " run RUNS more times and print the time per operator type.")
    int profileRuns;

    @Option(names = "--warmup", description = "Runs before profiling, so that the JIT has compiled the kernels"
            + " (default ${DEFAULT-VALUE}).", defaultValue = "20")
    int warmupRuns;

    @Option(names = "--threads", description = "Intra-op threads (default: the machine's processors).")
    Integer threads;

    @Option(names = "--max-memory", paramLabel = "SIZE", description = "The most one run may hold, and one tensor"
            + " may take, e.g. 512m or 2g (default: a quarter of the maximum heap).")
    String maxMemory;

    @Option(names = "--timeout", paramLabel = "MS", description = "Stop a run after MS milliseconds.")
    Long timeoutMs;

    @Option(names = "--allow-data-dir", paramLabel = "DIR", description = "A folder besides the model's own that"
            + " may hold external data (repeatable).")
    List<Path> dataDirs = List.of();

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        SessionOptions options = SessionOptions.defaults();
        if (threads != null) options = options.withThreads(threads);
        if (maxMemory != null) options = options.withMaxMemory(ByteSize.parse(maxMemory));
        LoadOptions load = LoadOptions.defaults();
        for (Path d : dataDirs) load = load.withAllowedDataFolder(d);
        Session session = Kiln.load(model, options, load);
        RunOptions runOptions = timeoutMs == null ? RunOptions.defaults()
                : RunOptions.defaults().withTimeout(Duration.ofMillis(timeoutMs));
        long t1 = System.nanoTime();
        Map<String, Value> feeds = new LinkedHashMap<>(NpyInputs.parse(inputs));
        List<ValueInfo> missing = session.inputs().stream().filter(vi -> !feeds.containsKey(vi.name())).toList();
        Map<String, Tensor> generated = RandomInputs.generate(missing, RandomInputs.parseDims(dims), seed);
        for (var e : generated.entrySet()) {
            System.out.println("input  " + e.getKey() + ": " + e.getValue().describe() + " (generated, seed " + seed + ")");
        }
        feeds.putAll(generated);
        Outputs result = session.run(feeds, null, runOptions);
        long t2 = System.nanoTime();
        if (out != null) Files.createDirectories(out);
        for (var e : result.asMap().entrySet()) {
            Value v = e.getValue();
            System.out.println("output " + e.getKey() + ": " + (v instanceof Tensor t ? t.toString() : v.describe()));
            if (out != null && v instanceof Tensor t) {
                Path f = out.resolve(e.getKey().replaceAll("[^A-Za-z0-9._-]", "_") + ".npy");
                Npy.write(t, f);
                System.out.println("       written to " + f);
            }
        }
        System.out.printf("load %.1f ms, run %.1f ms%n", (t1 - t0) / 1e6, (t2 - t1) / 1e6);
        if (profileRuns > 0) {
            for (int i = 0; i < warmupRuns; i++) session.run(feeds);
            RunProfile profile = new RunProfile();
            for (int i = 0; i < profileRuns; i++) session.run(feeds, null, runOptions.withProfile(profile));
            System.out.println("profile over " + profileRuns + " runs (after " + (warmupRuns + 1) + " warm-up runs):");
            System.out.print(profile.table());
        }
        return 0;
    }
}
