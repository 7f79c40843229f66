package org.gan4j.benchmarks;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.gan4j.data.FashionMnist;
import org.gan4j.dl4j.GanTrainer;
import org.gan4j.dl4j.GeneratorModel;
import org.gan4j.samples.serve.SamplingServer;
import org.gan4j.zoo.Dcgan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Latency of the sampling server under concurrent clients on a loopback port (p50, p90, p99; not asserted). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Latency of /sample requests to the sampling server with concurrent clients (DCGAN generator).")
final class ServeBenchmark implements Callable<Integer> {
    @Option(names = "--model", description = "a generator.zip (default: the zoo DCGAN after 5 steps)")
    Path model;

    @Option(names = "--clients", description = "concurrent clients (default ${DEFAULT-VALUE})")
    int clients = 32;

    @Option(names = "--requests", description = "requests per client (default ${DEFAULT-VALUE})")
    int requests = 50;

    @Option(names = "--n", description = "images per request (default ${DEFAULT-VALUE})")
    int n = 16;

    @Option(names = "--server-threads", description = "the server's request threads (default ${DEFAULT-VALUE})")
    int serverThreads = 4;

    @Override
    public Integer call() throws Exception {
        GeneratorModel generator = model != null ? GeneratorModel.load(model) : GanTrainer.builder()
                .generator(Dcgan.generator()).discriminator(Dcgan.discriminator())
                .data(FashionMnist.bundledImages().toDataSource()).batchSize(64).steps(5).seed(0)
                .build().fit().generator();
        HttpClient client = HttpClient.newHttpClient();
        try (SamplingServer server = SamplingServer.start(generator, new InetSocketAddress("127.0.0.1", 0),
                serverThreads, Math.max(n, 64))) {
            String base = "http://127.0.0.1:" + server.port() + "/sample?n=" + n + "&seed=";
            for (int i = 0; i < 20; i++) {
                client.send(HttpRequest.newBuilder(URI.create(base + i)).build(), HttpResponse.BodyHandlers.ofByteArray());
            }
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            long start = System.nanoTime();
            List<Future<long[]>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int id = c;
                futures.add(pool.submit(() -> {
                    long[] nanos = new long[requests];
                    for (int r = 0; r < requests; r++) {
                        long t0 = System.nanoTime();
                        HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(
                                URI.create(base + (id * requests + r))).build(), HttpResponse.BodyHandlers.ofByteArray());
                        nanos[r] = System.nanoTime() - t0;
                        if (response.statusCode() != 200) {
                            throw new IllegalStateException("request failed: " + response.statusCode());
                        }
                    }
                    return nanos;
                }));
            }
            long[] all = new long[clients * requests];
            for (int c = 0; c < clients; c++) {
                System.arraycopy(futures.get(c).get(), 0, all, c * requests, requests);
            }
            double wall = (System.nanoTime() - start) / 1e9;
            pool.shutdown();
            Arrays.sort(all);
            double p50 = percentile(all, 0.50);
            double p90 = percentile(all, 0.90);
            double p99 = percentile(all, 0.99);
            new Report("serve").put("clients", clients).put("requests_per_client", requests).put("n", n)
                    .put("server_threads", serverThreads).put("p50_ms", p50).put("p90_ms", p90).put("p99_ms", p99)
                    .put("requests_per_sec", all.length / wall).put("images_per_sec", all.length * (double) n / wall)
                    .print(System.out, String.format("serve %s, %d clients x %d requests of n=%d: p50 %.1f ms, p90 %.1f ms,"
                                    + " p99 %.1f ms, %.0f requests/s (%.0f images/s)", generator, clients, requests, n,
                            p50, p90, p99, all.length / wall, all.length * (double) n / wall));
        }
        return 0;
    }

    /** @return the nearest-rank percentile of sorted nanoseconds, in milliseconds */
    private static double percentile(long[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }
}
