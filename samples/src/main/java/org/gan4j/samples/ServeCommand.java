package org.gan4j.samples;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.gan4j.dl4j.GeneratorModel;
import org.gan4j.samples.serve.SamplingServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Serves a generator over HTTP: a JSON/PNG API and a page to play with it. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serves a generator (generator.zip from any gan4j program) on http://HOST:PORT/: a page with a seed box,",
                "random button, class picker and interpolation strip, over the API /api/info, /sample?n=&seed=,",
                "/interpolate?from=&to=&steps=, /class?label= (docs/export-and-serve.md). Stops on Ctrl-C, letting",
                "requests in progress finish."})
final class ServeCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, description = "the generator archive (generator.zip)")
    Path model;

    @Option(names = "--host", description = "the address to bind (default ${DEFAULT-VALUE}; 0.0.0.0 for every interface)")
    String host = "127.0.0.1";

    @Option(names = "--port", description = "the port (default ${DEFAULT-VALUE}; 0 picks a free one)")
    int port = 8080;

    @Option(names = "--threads", description = "request threads (default ${DEFAULT-VALUE})")
    int threads = 4;

    @Option(names = "--max-n", description = "the most images one request may ask for (default ${DEFAULT-VALUE})")
    int maxN = 64;

    @Option(names = "--class-names", split = ",", description = {"names of a conditional generator's classes, comma-separated",
            "(default: the names saved with the model, as by train --conditional)"})
    java.util.List<String> classNames = java.util.List.of();

    @Option(names = "--duration", description = "stop after this many seconds (default: serve until Ctrl-C)")
    long duration = 0;

    @Override
    public Integer call() throws InterruptedException {
        OptionChecks.of(spec).within("--port", port, 0, 65_535).within("--threads", threads, 1, 256)
                .within("--max-n", maxN, 1, 1_024).atLeast("--duration", duration, 0);
        if (!Files.isRegularFile(model)) {
            throw OptionChecks.of(spec).fail("--model must be a generator archive but " + model + " is not a file");
        }
        GeneratorModel generator = GeneratorModel.load(model);
        if (!classNames.isEmpty()) {
            try {
                generator = generator.withClassNames(classNames);
            } catch (IllegalArgumentException e) {
                throw OptionChecks.of(spec).fail("--class-names: " + e.getMessage());
            }
        }
        SamplingServer server = SamplingServer.start(generator, new InetSocketAddress(host, port), threads, maxN);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            server.stop(Duration.ofSeconds(5));
            stopped.countDown();
        }, "gan4j-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        LOG.info("serving {} on http://{}:{}/", generator, host, server.port());
        System.out.println("serving " + generator + " on http://" + host + ":" + server.port() + "/");
        if (duration > 0 && !stopped.await(duration, TimeUnit.SECONDS)) {
            Runtime.getRuntime().removeShutdownHook(hook);
            server.stop(Duration.ofSeconds(5));
            return 0;
        }
        stopped.await();
        return 0;
    }
}
