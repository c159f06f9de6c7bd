package dev.kiln.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code kiln} command. */
@Command(name = "kiln", mixinStandardHelpOptions = true, version = "kiln 0.1.0",
        description = "Kiln: a pure-Java runtime for ONNX models.",
        subcommands = {ConformanceCommand.class})
public final class KilnCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() { spec.commandLine().usage(System.out); }

    /** Runs the CLI. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new KilnCli()).execute(args));
    }
}
