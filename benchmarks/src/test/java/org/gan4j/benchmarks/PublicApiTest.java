package org.gan4j.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The public API of each library module against its committed baseline ({@code api/<module>.txt}, docs/api-policy.md):
 * every public or protected type, constructor, method and field outside {@code org.gan4j.dl4j.internal}, one line
 * each in its Java form. A change fails this test with the lines added and removed; when the change is intended, run
 * {@code mvn -pl benchmarks test -Dtest=PublicApiTest -Dgan4j.api.update=true} and commit the new baseline with it.
 */
class PublicApiTest {
    private static final Path BASELINES = Path.of("..", "api");

    @ParameterizedTest(name = "{0}")
    @CsvSource({"gan-api, org.gan4j, org.gan4j.dl4j|org.gan4j.losses|org.gan4j.metrics|org.gan4j.samples|org.gan4j.benchmarks|org.gan4j.spark",
        "gan-losses, org.gan4j.losses, -", "gan-metrics, org.gan4j.metrics, -", "gan-dl4j, org.gan4j.dl4j, org.gan4j.dl4j.internal", "gan-spark, org.gan4j.spark, -"})
    void public_api_should_match_its_baseline(String module, String root, String excluded) throws Exception {
        Predicate<String> inModule = name -> name.startsWith(root + ".")
                && Arrays.stream(excluded.split("\\|")).noneMatch(e -> name.startsWith(e + "."));
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(root);
        Set<String> lines = new TreeSet<>();
        for (JavaClass c : classes) {
            if (inModule.test(c.getName()) && c.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.PUBLIC)) {
                Class<?> type = Class.forName(c.getName(), false, getClass().getClassLoader());
                if (visible(type)) {
                    lines.addAll(signatures(type));
                }
            }
        }
        Path baseline = BASELINES.resolve(module + ".txt");
        if (Boolean.getBoolean("gan4j.api.update")) {
            Files.createDirectories(BASELINES);
            Files.write(baseline, lines);
        }
        List<String> expected = Files.readAllLines(baseline);
        List<String> added = lines.stream().filter(l -> !expected.contains(l)).toList();
        List<String> removed = expected.stream().filter(l -> !lines.contains(l)).toList();
        assertThat(added).as("public API of %s added since %s (if intended: -Dgan4j.api.update=true, commit %s)", module,
                baseline, baseline).isEmpty();
        assertThat(removed).as("public API of %s removed or changed since %s (a breaking change: docs/api-policy.md)",
                module, baseline).isEmpty();
    }

    /** Every public top-level type's javadoc says since which version it exists (docs/api-policy.md). */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"gan-api, org.gan4j, org.gan4j.dl4j|org.gan4j.losses|org.gan4j.metrics|org.gan4j.samples|org.gan4j.benchmarks|org.gan4j.spark",
        "gan-losses, org.gan4j.losses, -", "gan-metrics, org.gan4j.metrics, -", "gan-dl4j, org.gan4j.dl4j, org.gan4j.dl4j.internal", "gan-spark, org.gan4j.spark, -"})
    void public_types_should_carry_since_tags(String module, String root, String excluded) throws Exception {
        Path sources = Path.of("..", module, "src", "main", "java");
        List<String> untagged = new ArrayList<>();
        for (JavaClass c : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(root)) {
            String name = c.getName();
            boolean inModule = name.startsWith(root + ".")
                    && Arrays.stream(excluded.split("\\|")).noneMatch(e -> name.startsWith(e + "."));
            if (!inModule || c.getEnclosingClass().isPresent() || name.endsWith("package-info")
                    || !c.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.PUBLIC)) {
                continue;
            }
            String source = Files.readString(sources.resolve(name.replace('.', '/') + ".java"));
            java.util.regex.Matcher declaration = java.util.regex.Pattern.compile("(?m)^public [\\w\\s@-]*?(class|interface|record|enum) "
                    + c.getSimpleName() + "\\b").matcher(source);
            String before = declaration.find() ? source.substring(0, declaration.start()) : "";
            int doc = before.lastIndexOf("/**");
            if (doc < 0 || !before.substring(doc).contains("@since")) {
                untagged.add(name);
            }
        }
        assertThat(untagged).as("public types of %s without @since in their javadoc", module).isEmpty();
    }

    private static boolean visible(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
            if (!Modifier.isPublic(c.getModifiers()) && !(c != type && Modifier.isProtected(c.getModifiers()))) {
                return false;
            }
        }
        return !type.isAnonymousClass() && !type.isLocalClass() && !type.isSynthetic();
    }

    private static List<String> signatures(Class<?> type) {
        List<String> lines = new ArrayList<>();
        String name = type.getName();
        lines.add(name + " : " + type.toGenericString() + supertypes(type));
        Stream.of(type.getDeclaredConstructors(), type.getDeclaredMethods(), type.getDeclaredFields())
                .flatMap(Arrays::stream).map(m -> (Member) m)
                .filter(m -> !m.isSynthetic() && (Modifier.isPublic(m.getModifiers()) || Modifier.isProtected(m.getModifiers())))
                .filter(m -> !(m instanceof java.lang.reflect.Method method && method.isBridge()))
                .forEach(m -> lines.add(name + " : " + (m instanceof Field f ? f.toGenericString()
                        : ((Executable) m).toGenericString())));
        return lines;
    }

    private static String supertypes(Class<?> type) {
        StringBuilder s = new StringBuilder();
        if (type.getGenericSuperclass() != null && type.getSuperclass() != Object.class && !type.isEnum()
                && !type.isRecord()) {
            s.append(" extends ").append(type.getGenericSuperclass().getTypeName());
        }
        if (type.getGenericInterfaces().length > 0) {
            s.append(" implements ").append(String.join(", ", Arrays.stream(type.getGenericInterfaces())
                    .map(java.lang.reflect.Type::getTypeName).toList()));
        }
        return s.toString();
    }
}
