package org.gan4j.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Keeps what README.md and docs/*.md quote true against the code: every class name they quote exists in the
 * repository (or is a named outside type), every {@code Type.member} of a library type exists, every sample-program
 * command line they show is accepted by the program's option parser, and every quoted graph variable name has the
 * form the compiler gives it. The quick start's code is checked by {@link ReadmeQuickStartTest}.
 */
class DocsTruthTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /** Names quoted in the docs that are not gan4j's: JDK, ND4J, DL4J, Spark, ONNX operators, torch-fidelity. */
    private static final Set<String> OUTSIDE = Set.of("IllegalArgumentException", "IllegalStateException",
            "UnsupportedOperationException", "DataSetIterator", "GradientUpdater", "GenerativeModelONNX", "ConvTranspose",
            "MatMul", "BatchNormalization", "InstanceNormalization", "LeakyRelu", "OneHot", "SameDiff", "INDArray",
            "OutOfMemoryError", "HttpServer", "ForkJoinPool", "MultiLayerNetwork", "ComputationGraph",
            "ParameterAveragingTrainingMaster", "SharedTrainingMaster", "ParallelWrapper", "BarrierTaskContext",
            "DefaultScalaModule", "JavaSparkContext", "SparkSession");
    private static final Set<String> SAMPLE_COMMANDS = Set.of("dcgan", "cgan", "cyclegan", "compare", "toy1d", "ring",
            "metrics", "export", "serve", "train", "shapes", "train-classifier", "stylegan");
    private static Map<String, List<Path>> sources;
    private static Set<String> declaredTypes;
    private static Map<String, String> docs;

    @BeforeAll
    static void read() throws IOException {
        sources = new HashMap<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            files.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/")
                            && !p.toString().contains("/target/"))
                    .forEach(p -> sources.computeIfAbsent(p.getFileName().toString().replace(".java", ""),
                            k -> new ArrayList<>()).add(p));
        }
        declaredTypes = new java.util.HashSet<>();
        Pattern declaration = Pattern.compile("\\b(?:class|interface|record|enum) ([A-Z][A-Za-z0-9]*)");
        for (List<Path> files : sources.values()) {
            for (Path file : files) {
                declaredTypes.addAll(matches(Files.readString(file), declaration.pattern()));
            }
        }
        docs = new HashMap<>();
        docs.put("README.md", Files.readString(ROOT.resolve("README.md")));
        try (Stream<Path> files = Files.list(ROOT.resolve("docs"))) {
            files.filter(p -> p.toString().endsWith(".md")).forEach(p -> {
                try {
                    docs.put("docs/" + p.getFileName(), Files.readString(p));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    @Test
    void quoted_class_names_should_exist() {
        List<String> unknown = new ArrayList<>();
        docs.forEach((doc, text) -> matches(text, "`([A-Z][a-z0-9]+(?:[A-Z][A-Za-z0-9]*)+)`").forEach(name -> {
            if (!declaredTypes.contains(name) && !OUTSIDE.contains(name)) {
                unknown.add(doc + ": " + name);
            }
        }));
        assertThat(unknown).as("class names quoted in the docs that the repository does not hold").isEmpty();
    }

    @Test
    void quoted_members_of_library_types_should_exist() {
        List<String> missing = new ArrayList<>();
        Pattern member = Pattern.compile("\\b([A-Z][A-Za-z0-9]+)\\.([A-Za-z_][A-Za-z0-9_]*)");
        docs.forEach((doc, text) -> {
            for (String code : codeSpans(text)) {
                Matcher m = member.matcher(code);
                while (m.find()) {
                    Class<?> type = libraryType(m.group(1));
                    if (type != null && !hasMember(type, m.group(2))) {
                        missing.add(doc + ": " + m.group(1) + "." + m.group(2));
                    }
                }
            }
        });
        assertThat(missing).as("Type.member references in the docs that the library types lack").isEmpty();
    }

    @Test
    void quoted_sample_command_lines_should_parse() {
        List<String> refused = new ArrayList<>();
        docs.forEach((doc, text) -> {
            Set<String> lines = new LinkedHashSet<>();
            for (String line : text.split("\n")) {
                Matcher args = Pattern.compile("-pl samples exec:exec -Dargs=\"([^\"]*)\"").matcher(line);
                while (args.find()) {
                    lines.add(args.group(1));
                }
            }
            for (String code : matches(text, "`([a-z0-9-]+ -[^`]*)`")) {
                if (SAMPLE_COMMANDS.contains(code.substring(0, code.indexOf(' ')))) {
                    lines.add(code);
                }
            }
            for (String line : lines) {
                String plain = line.replace("[", "").replace("]", "").replaceAll("\\\\\\|[^ ]*", "");
                try {
                    Gan4jSamples.commandLine().parseArgs(plain.trim().split("\\s+"));
                } catch (CommandLine.UnmatchedArgumentException e) {
                    refused.add(doc + ": " + line + " (" + e.getMessage() + ")");
                } catch (CommandLine.ParameterException e) {
                    // placeholders such as DIR or N where a number goes: the options themselves exist
                }
            }
        });
        assertThat(refused).as("sample command lines in the docs with options the programs do not have").isEmpty();
    }

    @Test
    void quoted_graph_variable_names_should_have_the_compilers_form() {
        List<String> wrong = new ArrayList<>();
        docs.forEach((doc, text) -> matches(text, "`([A-Z]{1,2}/[^`\\s]+)`").forEach(name -> {
            if (!name.matches("[A-Z]{1,2}/\\d+_[a-z][A-Za-z]*/[A-Za-z_]+") && name.matches(".*/.*/.*")) {
                wrong.add(doc + ": " + name);
            }
        }));
        assertThat(wrong).as("variable names not of the form prefix/index_kind/name").isEmpty();
    }

    private static Class<?> libraryType(String simpleName) {
        List<Path> files = sources.get(simpleName);
        if (files == null) {
            return null;
        }
        List<Path> main = files.stream().filter(p -> p.toString().contains("/src/main/java/")).toList();
        if (main.size() != 1) {
            return null;
        }
        String path = main.get(0).toString();
        String name = path.substring(path.indexOf("/src/main/java/") + "/src/main/java/".length(), path.length() - 5)
                .replace('/', '.');
        try {
            return Class.forName(name, false, DocsTruthTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    /** Any member, of any visibility, declared by the type or a supertype ("X.java" names a file, not a member). */
    private static boolean hasMember(Class<?> type, String name) {
        if (name.equals("class") || name.equals("java")) {
            return true;
        }
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (Arrays.stream(c.getDeclaredMethods()).map(Method::getName).anyMatch(name::equals)
                    || Arrays.stream(c.getDeclaredFields()).map(Field::getName).anyMatch(name::equals)
                    || Arrays.stream(c.getDeclaredClasses()).map(Class::getSimpleName).anyMatch(name::equals)) {
                return true;
            }
        }
        return Arrays.stream(type.getMethods()).map(Method::getName).anyMatch(name::equals);
    }

    /** @return the inline code spans and fenced code blocks of a Markdown text */
    private static List<String> codeSpans(String text) {
        List<String> spans = new ArrayList<>();
        String[] fences = text.split("```");
        for (int i = 0; i < fences.length; i++) {
            if (i % 2 == 1) {
                spans.add(fences[i]);
            } else {
                spans.addAll(matches(fences[i], "`([^`\n]+)`"));
            }
        }
        return spans;
    }

    private static List<String> matches(String text, String regex) {
        List<String> found = new ArrayList<>();
        Matcher m = Pattern.compile(regex).matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
