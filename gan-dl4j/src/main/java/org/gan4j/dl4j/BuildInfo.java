package org.gan4j.dl4j;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What produced a run: gan4j's version and commit (written into the jar at build time; "unknown" when the classes
 * were not built by gan4j's Maven build, and the commit marked "-dirty" when the working tree had changes) and the
 * ND4J version on the classpath. Run records ({@code run.json}, reports, summaries) quote {@link #versions()}.
 *
 * @since 0.1.0
 */
public final class BuildInfo {
    private static final String UNKNOWN = "unknown";
    private static final Map<String, String> VERSIONS = read();

    private BuildInfo() {
    }

    /** @return gan4j, its commit, ND4J and Java versions, in that order */
    public static Map<String, String> versions() {
        return VERSIONS;
    }

    /** @return gan4j's version */
    public static String version() {
        return VERSIONS.get("gan4j");
    }

    /** @return the commit gan4j was built from */
    public static String commit() {
        return VERSIONS.get("commit");
    }

    private static Map<String, String> read() {
        Properties git = properties(BuildInfo.class, "git.properties");
        Properties nd4j = properties(Nd4j.class, "/META-INF/maven/org.nd4j/nd4j-api/pom.properties");
        Map<String, String> v = new LinkedHashMap<>();
        v.put("gan4j", git.getProperty("git.build.version", UNKNOWN));
        String commit = git.getProperty("git.commit.id", UNKNOWN);
        v.put("commit", commit + ("true".equals(git.getProperty("git.dirty")) ? "-dirty" : ""));
        v.put("nd4j", nd4j.getProperty("version", UNKNOWN));
        v.put("java", System.getProperty("java.version"));
        return java.util.Collections.unmodifiableMap(v);
    }

    private static Properties properties(Class<?> anchor, String resource) {
        Properties p = new Properties();
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
        return p;
    }
}
