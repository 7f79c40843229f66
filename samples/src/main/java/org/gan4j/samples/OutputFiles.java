package org.gan4j.samples;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.gan4j.LossHistory;
import org.gan4j.StepResult;
import org.gan4j.dl4j.io.AtomicFiles;

/** Writes the figures of a sample run atomically: temporary file, then rename. */
final class OutputFiles {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private OutputFiles() {
    }

    static void writeJson(Path file, Object value) {
        try {
            write(file, JSON.writeValueAsBytes(value));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static void writeLosses(Path file, LossHistory history) {
        java.util.List<String> terms = history.steps().isEmpty() ? java.util.List.of()
                : java.util.List.copyOf(history.steps().get(0).terms().keySet());
        StringBuilder csv = new StringBuilder("step,epoch,discriminator_loss,generator_loss");
        terms.forEach(t -> csv.append(',').append(t));
        csv.append('\n');
        for (StepResult s : history.steps()) {
            csv.append(s.step()).append(',').append(s.epoch()).append(',')
                    .append(s.discriminatorLoss()).append(',').append(s.generatorLoss());
            terms.forEach(t -> csv.append(',').append(s.terms().get(t)));
            csv.append('\n');
        }
        write(file, csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    static void write(Path file, byte[] bytes) {
        AtomicFiles.write(file, bytes);
    }
}
