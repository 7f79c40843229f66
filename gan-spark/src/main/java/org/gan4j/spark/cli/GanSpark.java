package org.gan4j.spark.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The spark-submit entry: {@code spark-submit --class org.gan4j.spark.cli.GanSpark gan-spark.jar eval|generate ...}
 * (docs/scaling.md).
 *
 * @since 0.1.0
 */
@Command(name = "gan-spark", mixinStandardHelpOptions = true, version = "gan4j 0.1.0-SNAPSHOT",
        description = "Evaluate or sample a saved gan4j generator on Apache Spark.",
        subcommands = {EvalCommand.class, GenerateCommand.class, CommandLine.HelpCommand.class})
public final class GanSpark {
    private GanSpark() {
    }

    /**
     * @param args the command and its options
     */
    public static void main(String[] args) {
        int code = run(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /**
     * @param args the command and its options
     * @return the exit code (0, 1 for a failure, 2 for bad options)
     */
    public static int run(String... args) {
        return new CommandLine(new GanSpark()).execute(args);
    }
}
