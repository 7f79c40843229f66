package org.gan4j.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ReadmeQuickStartTest {

    @Test
    void should_show_exactly_the_compiled_quick_start() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        String source = Files.readString(root.resolve("samples/src/main/java/org/gan4j/samples/QuickStart.java"));
        String begin = "// README quick start begins\n";
        String snippet = source.substring(source.indexOf(begin) + begin.length(), source.indexOf("// README quick start ends"));
        String readme = Files.readString(root.resolve("README.md"));
        assertThat(readme).contains("```java\n" + snippet + "```");
    }

    @Test
    void should_put_the_two_commands_first() throws IOException {
        String readme = Files.readString(Path.of("..").toAbsolutePath().normalize().resolve("README.md"));
        String[] lines = readme.split("\n");
        assertThat(lines[2]).isEqualTo("```bash");
        assertThat(lines[3]).startsWith("mvn -B -q install -DskipTests && mvn -B -q -pl samples exec:exec -Dargs=\"dcgan\"");
        assertThat(lines[4]).startsWith("mvn -B verify");
    }
}
