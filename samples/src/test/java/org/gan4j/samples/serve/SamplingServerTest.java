package org.gan4j.samples.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.gan4j.dl4j.GeneratorModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The sampling server over real HTTP on a loopback port: every endpoint, bad requests, concurrency, shutdown. */
class SamplingServerTest {
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static SamplingServer plain;
    static SamplingServer conditional;

    @BeforeAll
    static void start() {
        plain = SamplingServer.start(TinyGenerator.of(0), new InetSocketAddress("127.0.0.1", 0), 8, 32);
        conditional = SamplingServer.start(TinyGenerator.of(3).withClassNames(List.of("circle", "square",
                "triangle")), new InetSocketAddress("127.0.0.1", 0), 4, 32);
    }

    @AfterAll
    static void stop() {
        plain.close();
        conditional.close();
    }

    static HttpResponse<byte[]> get(SamplingServer server, String path) {
        return send(server, HttpRequest.newBuilder(uri(server, path)).GET().build());
    }

    static HttpResponse<byte[]> send(SamplingServer server, HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static URI uri(SamplingServer server, String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    static BufferedImage png(HttpResponse<byte[]> response) throws IOException {
        assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("image/png");
        return ImageIO.read(new ByteArrayInputStream(response.body()));
    }

    /** @return the pixels of image k of a grid with 1-pixel borders and images of 8×8 */
    static int[] cell(BufferedImage grid, int k, int columns) {
        return grid.getRGB(1 + (k % columns) * 9, 1 + (k / columns) * 9, 8, 8, null, 0, 8);
    }

    @Test
    void info_should_describe_the_model() throws IOException {
        HttpResponse<byte[]> response = get(conditional, "/api/info");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode info = new ObjectMapper().readTree(response.body());
        assertThat(info.get("latent_size").asInt()).isEqualTo(6);
        assertThat(info.get("latent_distribution").asText()).isEqualTo("gaussian");
        assertThat(info.get("classes").asInt()).isEqualTo(3);
        assertThat(info.get("class_names").toString()).isEqualTo("[\"circle\",\"square\",\"triangle\"]");
        assertThat(info.get("sample_shape").toString()).isEqualTo("[1,8,8]");
        assertThat(info.get("max_n").asInt()).isEqualTo(32);
        assertThat(info.get("truncation").asBoolean()).isFalse();
    }

    @Test
    void page_should_be_served() {
        HttpResponse<byte[]> response = get(plain, "/");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(new String(response.body())).contains("<title>gan4j sampler</title>", "/interpolate?");
    }

    @Test
    void sample_grid_should_be_a_function_of_seed_and_n() throws IOException {
        HttpResponse<byte[]> first = get(plain, "/sample?n=5&seed=41&columns=4");
        BufferedImage grid = png(first);
        assertThat(grid.getWidth()).isEqualTo(4 * 9 + 1);
        assertThat(grid.getHeight()).isEqualTo(2 * 9 + 1);
        assertThat(get(plain, "/sample?n=5&seed=41&columns=4").body()).isEqualTo(first.body());
        assertThat(get(plain, "/sample?n=5&seed=42&columns=4").body()).isNotEqualTo(first.body());
        BufferedImage single = png(get(plain, "/sample?n=1&seed=44"));
        assertThat(cell(grid, 3, 4)).as("image 3 of seed 41 is the image of seed 44").containsExactly(cell(single, 0, 1));
        assertThat(cell(grid, 2, 4)).isNotEqualTo(cell(grid, 3, 4));
    }

    @Test
    void interpolation_should_run_from_one_seed_to_the_other() throws IOException {
        BufferedImage strip = png(get(plain, "/interpolate?from=7&to=9&steps=5"));
        assertThat(strip.getWidth()).isEqualTo(5 * 9 + 1);
        assertThat(strip.getHeight()).isEqualTo(10);
        assertThat(cell(strip, 0, 5)).containsExactly(cell(png(get(plain, "/sample?n=1&seed=7")), 0, 1));
        assertThat(cell(strip, 4, 5)).containsExactly(cell(png(get(plain, "/sample?n=1&seed=9")), 0, 1));
        assertThat(cell(strip, 2, 5)).isNotEqualTo(cell(strip, 0, 5)).isNotEqualTo(cell(strip, 4, 5));
    }

    @Test
    void class_grid_should_hold_one_class() throws IOException {
        BufferedImage two = png(get(conditional, "/class?label=2&n=4&seed=3"));
        BufferedImage mixed = png(get(conditional, "/sample?n=4&seed=3"));
        assertThat(cell(two, 2, 8)).as("seed 5 as class 2 in both grids").containsExactly(cell(mixed, 2, 8));
        assertThat(cell(two, 0, 8)).as("seed 3 as class 2 and as class 0").isNotEqualTo(cell(mixed, 0, 8));
        BufferedImage labelled = png(get(conditional, "/sample?n=4&seed=3&label=2"));
        assertThat(cell(labelled, 0, 8)).containsExactly(cell(two, 0, 8));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "plain       | /sample?n=0                 | 400 | n must be in [1, 32] but was 0",
        "plain       | /sample?n=33                | 400 | n must be in [1, 32] but was 33",
        "plain       | /sample?n=abc               | 400 | n must be an integer in [1, 32] but was 'abc'",
        "plain       | /sample?seed=1.5            | 400 | seed must be a 64-bit integer but was '1.5'",
        "plain       | /sample?n=2&n=3             | 400 | parameter n is given twice",
        "plain       | /sample?size=3              | 400 | unknown parameter 'size': expected",
        "plain       | /sample?label=1             | 400 | label applies to conditional generators only; this one has no classes",
        "plain       | /interpolate?steps=1        | 400 | steps must be in [2, 32] but was 1",
        "plain       | /interpolate?from=x         | 400 | from must be a 64-bit integer but was 'x'",
        "plain       | /class?label=0              | 404 | this generator is not conditional: /class needs a conditional model",
        "plain       | /truncate?psi=0.5           | 404 | this generator has no truncation",
        "plain       | /nothing                    | 404 | no endpoint /nothing: try /, /api/info, /sample, /interpolate",
        "conditional | /class?label=3              | 400 | label must be in [0, 2] but was 3",
        "conditional | /class?n=2                  | 400 | parameter label is required: an integer in [0, 2]",
        "conditional | /class?label=-1             | 400 | label must be in [0, 2] but was -1",
        "conditional | /sample?label=x             | 400 | label must be an integer in [0, 2] but was 'x'",
    })
    void bad_requests_should_get_a_message(String server, String path, int status, String message) throws IOException {
        HttpResponse<byte[]> response = get(server.equals("plain") ? plain : conditional, path);
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode body = new ObjectMapper().readTree(response.body());
        assertThat(body.get("error").asText()).startsWith(message);
        assertThat(body.get("status").asInt()).isEqualTo(status);
    }

    @Test
    void other_methods_should_be_refused() {
        HttpResponse<byte[]> response = send(plain, HttpRequest.newBuilder(uri(plain, "/sample"))
                .POST(HttpRequest.BodyPublishers.ofString("n=3")).build());
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET");
        assertThat(new String(response.body())).contains("method POST is not allowed: use GET");
    }

    @Test
    void concurrent_clients_should_get_identical_bytes_for_identical_requests() throws Exception {
        List<String> paths = List.of("/sample?n=8&seed=1", "/sample?n=3&seed=2", "/interpolate?from=1&to=2&steps=6",
                "/sample?n=16&seed=3");
        Map<String, byte[]> reference = new ConcurrentHashMap<>();
        for (String p : paths) {
            reference.put(p, get(plain, p).body());
        }
        ExecutorService clients = Executors.newFixedThreadPool(32);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int c = 0; c < 32; c++) {
                int client = c;
                results.add(clients.submit(() -> {
                    List<String> problems = new ArrayList<>();
                    for (int r = 0; r < 50; r++) {
                        String p = paths.get((client + r) % paths.size());
                        HttpResponse<byte[]> response = get(plain, p);
                        if (response.statusCode() != 200 || !Arrays.equals(response.body(), reference.get(p))) {
                            problems.add(p + " -> " + response.statusCode());
                        }
                    }
                    return problems;
                }));
            }
            List<String> problems = new ArrayList<>();
            for (Future<List<String>> f : results) {
                problems.addAll(f.get());
            }
            assertThat(problems).as("failed or differing responses of 32 clients x 50 requests").isEmpty();
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void stop_should_let_a_request_in_progress_finish() throws Exception {
        GeneratorModel model = TinyGenerator.of(0);
        SamplingServer server = SamplingServer.start(model, new InetSocketAddress("127.0.0.1", 0), 2, 4);
        CompletableFuture<HttpResponse<byte[]>> response;
        CompletableFuture<Void> stopped;
        synchronized (model) {
            // the model's sampling is synchronized on it: the request waits inside its handler until this block ends
            response = CLIENT.sendAsync(HttpRequest.newBuilder(uri(server, "/sample?n=4")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            Thread.sleep(1_000);
            stopped = CompletableFuture.runAsync(() -> server.stop(Duration.ofSeconds(10)));
            Thread.sleep(300);
            assertThat(stopped).as("stop waits for the request in progress").isNotDone();
        }
        assertThat(response.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        stopped.get(10, TimeUnit.SECONDS);
        assertThatThrownBy(() -> get(server, "/api/info")).hasCauseInstanceOf(java.net.ConnectException.class);
    }

    @Test
    void stopped_server_should_refuse_connections_and_bad_setups_should_be_refused() {
        SamplingServer server = SamplingServer.start(TinyGenerator.of(0), new InetSocketAddress("127.0.0.1", 0), 1, 4);
        assertThat(get(server, "/sample?n=4").statusCode()).isEqualTo(200);
        server.stop(Duration.ofSeconds(1));
        assertThatThrownBy(() -> get(server, "/sample?n=4")).hasCauseInstanceOf(java.net.ConnectException.class);

        assertThatThrownBy(() -> SamplingServer.start(TinyGenerator.of(0), new InetSocketAddress("127.0.0.1", 0), 0, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("threads must be >= 1 but was 0");
    }
}
