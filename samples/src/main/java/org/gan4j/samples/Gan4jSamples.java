package org.gan4j.samples;

import org.gan4j.dl4j.NativeMemory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The entry point of gan4j's runnable programs: {@code mvn -B -q -pl samples exec:exec -Dargs="<command> --help"}. */
@Command(name = "gan4j-samples", mixinStandardHelpOptions = true, version = "gan4j 0.1.0-SNAPSHOT",
        description = "Runnable gan4j programs. Each writes its pictures and figures to the folder given by --out.",
        subcommands = {DcganFashionMnist.class, StyleGanCommand.class, ConditionalGanCommand.class, CycleGanCommand.class, CompareCommand.class, Gaussian1dCommand.class, GaussianRingCommand.class,
            MetricsCommand.class, ExportCommand.class, ServeCommand.class, TrainCommand.class, ShapesCommand.class,
            TrainClassifierCommand.class,
            CommandLine.HelpCommand.class})
public final class Gan4jSamples {

    private Gan4jSamples() {
    }

    /**
     * Runs a sample program, with the native allocator keeping freed memory ({@link NativeMemory}) unless the
     * environment says {@code GAN4J_DEFAULT_MALLOC=1}.
     *
     * @param args the command and its options
     */
    public static void main(String[] args) {
        if (!"1".equals(System.getenv("GAN4J_DEFAULT_MALLOC"))) {
            NativeMemory.retainFreedMemory();
        }
        System.exit(run(args));
    }

    /**
     * Runs a sample program without exiting the JVM.
     *
     * @param args the command and its options
     * @return the exit code
     */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** @return the parser of the sample programs' command lines */
    static CommandLine commandLine() {
        return new CommandLine(new Gan4jSamples());
    }
}
