package org.gan4j.samples.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.gan4j.ImagePreview;
import org.gan4j.dl4j.GeneratorModel;
import org.gan4j.dl4j.listeners.ImageGrid;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTP server over one image generator (the JDK's {@code HttpServer}, a fixed pool of request threads; sampling is
 * serialised by the model, PNG encoding runs in parallel). Endpoints, all GET:
 * <ul>
 *   <li>{@code /} — the sampling page; {@code /api/info} — the model as JSON;</li>
 *   <li>{@code /sample?n=&seed=&columns=[&label=]} — a PNG grid, image k from the latent vector of seed + k (a
 *       conditional model without {@code label} cycles through its classes);</li>
 *   <li>{@code /interpolate?from=&to=&steps=[&label=]} — a PNG strip from seed {@code from} to seed {@code to};</li>
 *   <li>{@code /class?label=&n=&seed=} — a grid of one class (conditional models);</li>
 *   <li>{@code /truncate?psi=} — the truncation trick, for generators with a mapping network (none yet: 404).</li>
 * </ul>
 * Bad parameters get 400 with {@code {"error": ...}} naming the parameter, the value and what was expected; an
 * endpoint this model does not offer gets 404; other methods 405. Identical requests get identical bytes.
 */
public final class SamplingServer implements AutoCloseable {
    /** Images per grid when n is not given (at most the server's largest n). */
    public static final int DEFAULT_N = 16;
    /** Interpolation steps when steps is not given. */
    public static final int DEFAULT_STEPS = 8;
    /** Largest interpolation steps. */
    public static final int MAX_STEPS = 32;
    private static final Logger LOG = LoggerFactory.getLogger(SamplingServer.class);

    static {
        // The JDK server writes a response's headers and body apart; with Nagle's algorithm on, each small response
        // then waits for the client's delayed ACK (measured: 60 ms instead of 20 ms per request with one client).
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }
    private static final ObjectMapper JSON = new ObjectMapper();

    private final GeneratorModel model;
    private final LatentPicks picks;
    private final int maxN;
    private final HttpServer server;
    private final ExecutorService threads;
    private final byte[] page;

    /**
     * Starts serving.
     *
     * @param model   an image generator ([1 or 3, h, w] samples); its class names, if any, label the page's class picker
     * @param address the address to bind (port 0: any free port)
     * @param threads request threads
     * @param maxN    the largest n a request may ask for
     * @return the running server
     * @throws IllegalArgumentException if the generator's samples are not images or a count is below 1
     */
    public static SamplingServer start(GeneratorModel model, InetSocketAddress address, int threads, int maxN) {
        if (!ImagePreview.isImageShape(model.outputShape())) {
            throw new IllegalArgumentException("the generator's samples must be images [1 or 3, height, width] to be"
                    + " served but are " + model.outputShape());
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1 but was " + threads);
        }
        if (maxN < 1) {
            throw new IllegalArgumentException("maxN must be >= 1 but was " + maxN);
        }
        try {
            return new SamplingServer(model, address, threads, maxN);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve on " + address + ": " + e.getMessage(), e);
        }
    }

    private SamplingServer(GeneratorModel model, InetSocketAddress address, int threadCount, int maxN) throws IOException {
        this.model = model;
        this.picks = new LatentPicks(model.latent());
        this.maxN = maxN;
        this.page = resource("index.html");
        AtomicInteger count = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(threadCount, r -> {
            Thread t = new Thread(r, "gan4j-serve-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.server = HttpServer.create(address, 64);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    /** @return the port the server listens on */
    public int port() {
        return server.getAddress().getPort();
    }

    /**
     * Stops accepting connections, lets the exchanges in progress finish for up to {@code grace}, then stops the
     * request threads.
     *
     * @param grace how long requests in progress may take
     */
    public void stop(Duration grace) {
        server.stop((int) Math.max(0, grace.toSeconds()));
        threads.shutdown();
        try {
            threads.awaitTermination(grace.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(2));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("GET")) {
                exchange.getResponseHeaders().set("Allow", "GET");
                error(exchange, 405, "method " + exchange.getRequestMethod() + " is not allowed: use GET");
                return;
            }
            try {
                route(exchange);
            } catch (IllegalArgumentException e) {
                error(exchange, 400, e.getMessage());
            } catch (NotOffered e) {
                error(exchange, 404, e.getMessage());
            } catch (RuntimeException e) {
                LOG.error("request {} failed", exchange.getRequestURI(), e);
                error(exchange, 500, "internal error: " + e);
            }
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        switch (path) {
            case "/", "/index.html" -> send(exchange, 200, "text/html; charset=utf-8", page);
            case "/api/info" -> {
                QueryParameters.of(exchange.getRequestURI(), Set.of());
                send(exchange, 200, "application/json", JSON.writeValueAsBytes(info()));
            }
            case "/sample" -> grid(exchange, false);
            case "/class" -> {
                if (model.classes() == 0) {
                    throw new NotOffered("this generator is not conditional: /class needs a conditional model");
                }
                grid(exchange, true);
            }
            case "/interpolate" -> interpolate(exchange);
            case "/truncate" -> throw new NotOffered("this generator has no truncation: the truncation trick needs a"
                    + " generator with a mapping network (StyleGAN2)");
            default -> throw new NotOffered("no endpoint " + path + ": try /, /api/info, /sample, /interpolate"
                    + (model.classes() > 0 ? ", /class" : ""));
        }
    }

    /** A grid: {@code /sample} (label optional: without it, classes in turn) or {@code /class} (label required). */
    private void grid(HttpExchange exchange, boolean labelRequired) throws IOException {
        QueryParameters q = QueryParameters.of(exchange.getRequestURI(), Set.of("n", "seed", "columns", "label"));
        int n = q.integer("n", Math.min(DEFAULT_N, maxN), 1, maxN);
        long seed = q.seed("seed", 0);
        int columns = q.integer("columns", 8, 1, maxN);
        int[] labels = null;
        if (model.classes() > 0) {
            int label = labelRequired ? q.requiredInteger("label", 0, model.classes() - 1)
                    : q.has("label") ? q.integer("label", 0, 0, model.classes() - 1) : -1;
            labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = label >= 0 ? label : i % model.classes();
            }
        } else {
            requireAbsent(q, "label");
        }
        png(exchange, generate(picks.grid(seed, n), labels), columns);
    }

    private void interpolate(HttpExchange exchange) throws IOException {
        QueryParameters q = QueryParameters.of(exchange.getRequestURI(), Set.of("from", "to", "steps", "label"));
        long from = q.seed("from", 0);
        long to = q.seed("to", 1);
        int steps = q.integer("steps", DEFAULT_STEPS, 2, MAX_STEPS);
        int[] labels = null;
        if (model.classes() > 0) {
            labels = new int[steps];
            java.util.Arrays.fill(labels, q.integer("label", 0, 0, model.classes() - 1));
        } else {
            requireAbsent(q, "label");
        }
        png(exchange, generate(picks.interpolation(from, to, steps), labels), steps);
    }

    private void requireAbsent(QueryParameters q, String name) {
        if (q.has(name)) {
            throw new IllegalArgumentException(name + " applies to conditional generators only; this one has no classes");
        }
    }

    private INDArray generate(INDArray z, int[] labels) {
        return labels == null ? model.sample(z) : model.sample(z, labels);
    }

    private Map<String, Object> info() {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("model", model.toString());
        info.put("latent_size", model.latent().size());
        info.put("latent_distribution", model.latent().distribution().name().toLowerCase(java.util.Locale.ROOT));
        info.put("classes", model.classes());
        info.put("class_names", model.classNames());
        info.put("sample_shape", model.outputShape().dims());
        info.put("max_n", maxN);
        info.put("max_steps", MAX_STEPS);
        info.put("truncation", false);
        return info;
    }

    private static void png(HttpExchange exchange, INDArray images, int columns) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(ImageGrid.render(images, columns), "png", bytes);
        send(exchange, 200, "image/png", bytes.toByteArray());
    }

    private static void error(HttpExchange exchange, int status, String message) throws IOException {
        send(exchange, status, "application/json", JSON.writeValueAsBytes(Map.of("error", message, "status", status)));
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = SamplingServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the samples jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An endpoint this model does not offer: 404. */
    private static final class NotOffered extends RuntimeException {
        NotOffered(String message) {
            super(message, null, false, false);
        }
    }
}
