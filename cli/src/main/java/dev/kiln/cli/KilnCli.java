package dev.kiln.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code kiln} command. */
@Command(name = "kiln", mixinStandardHelpOptions = true, version = "kiln 0.1.0",
        description = "Kiln: a pure-Java runtime for ONNX models.",
        subcommands = {DemoCommand.class, TrainCommand.class, FitCommand.class, EmbedCommand.class, SimilarCommand.class,
                RunCommand.class, CheckCommand.class, GraphCommand.class, ConformanceCommand.class,
                DoctorCommand.class, SoakCommand.class})
public final class KilnCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() { spec.commandLine().usage(System.out); }

    /** Runs the CLI. */
    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new KilnCli());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (System.getenv("KILN_DEBUG") != null) e.printStackTrace();
            String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            cmd.getErr().println("kiln " + cmd.getCommandName() + ": " + msg);
            return 1;
        });
        System.exit(cli.execute(args));
    }
}
