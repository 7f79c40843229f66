package org.gan4j.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.gan4j.dl4j.GeneratorModel;
import org.gan4j.metric.FeatureExtractor;

/**
 * What each executor JVM opens once and reuses across tasks: generators (by the SHA-256 of their archive, loaded
 * through {@link GeneratorModel#load}, which validates the archive before any byte reaches native code) and feature
 * extractors (by {@link FeatureSource#key()}).
 */
final class ExecutorModels {
    private static final Map<String, GeneratorModel> GENERATORS = new ConcurrentHashMap<>();
    private static final Map<String, FeatureExtractor> EXTRACTORS = new ConcurrentHashMap<>();

    private ExecutorModels() {
    }

    static GeneratorModel generator(byte[] archive) {
        return GENERATORS.computeIfAbsent(sha256(archive), key -> {
            try {
                Path file = Files.createTempFile("gan4j-generator-" + key.substring(0, 12), ".zip");
                try {
                    Files.write(file, archive);
                    return GeneratorModel.load(file);
                } finally {
                    Files.deleteIfExists(file);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot stage the generator archive for loading", e);
            }
        });
    }

    static FeatureExtractor extractor(FeatureSource source) {
        return EXTRACTORS.computeIfAbsent(source.key(), key -> source.open());
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
