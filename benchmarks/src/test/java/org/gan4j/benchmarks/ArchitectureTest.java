package org.gan4j.benchmarks;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module and package rules of gan4j, checked on the compiled classes of every module: the backend's internals
 * stay behind its public API, and the API module stays free of backends.
 */
class ArchitectureTest {
    private static final String INTERNAL = "org.gan4j.dl4j.internal..";
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.gan4j");
    }

    @Test
    void nothing_outside_the_backend_uses_its_internals() {
        noClasses().that().resideOutsideOfPackage("org.gan4j.dl4j..")
                .should().dependOnClassesThat().resideInAPackage(INTERNAL)
                .because("samples, benchmarks, metrics and losses are users of the public API")
                .check(classes);
    }

    @Test
    void the_backends_listener_and_io_packages_use_only_the_public_api() {
        noClasses().that().resideInAnyPackage("org.gan4j.dl4j.listeners..", "org.gan4j.dl4j.io..")
                .should().dependOnClassesThat().resideInAPackage(INTERNAL)
                .check(classes);
    }

    @Test
    void only_the_backends_listeners_use_the_report_and_progress_libraries() {
        noClasses().that().resideInAPackage("org.gan4j..").and().resideOutsideOfPackage("org.gan4j.dl4j.listeners..")
                .and().resideOutsideOfPackage("org.gan4j.samples..")
                .should().dependOnClassesThat().resideInAnyPackage("org.knowm.xchart..", "me.tongfei.progressbar..")
                .because("an application that writes no report may leave XChart and progressbar out (it/consumer -Plean)")
                .check(classes);
    }

    @Test
    void no_public_signature_of_the_backend_exposes_an_internal_type() {
        classes().that().resideInAPackage("org.gan4j.dl4j..").and().resideOutsideOfPackage(INTERNAL)
                .and(EFFECTIVELY_PUBLIC)
                .should(exposeNoInternalType())
                .check(classes);
    }

    @Test
    void the_api_module_depends_on_no_implementation() {
        noClasses().that().resideInAnyPackage("org.gan4j", "org.gan4j.data..", "org.gan4j.layer..", "org.gan4j.loss..",
                        "org.gan4j.metric..", "org.gan4j.optim..", "org.gan4j.zoo..")
                .should().dependOnClassesThat().resideInAnyPackage("org.gan4j.dl4j..", "org.gan4j.losses..",
                        "org.gan4j.metrics..", "org.nd4j.linalg.cpu..", "org.nd4j.nativeblas..")
                .check(classes);
    }

    @Test
    void the_backends_internal_packages_have_no_cycles() {
        slices().matching("org.gan4j.dl4j.internal.(*)..").should().beFreeOfCycles().check(classes);
    }

    /** Public, and nested only in public types (members of a package-private interface are public in name only). */
    private static final DescribedPredicate<JavaClass> EFFECTIVELY_PUBLIC = DescribedPredicate.describe(
            "are public API", type -> {
                for (JavaClass t = type; t != null; t = t.getEnclosingClass().orElse(null)) {
                    if (!t.getModifiers().contains(JavaModifier.PUBLIC)) {
                        return false;
                    }
                }
                return true;
            });

    private static ArchCondition<JavaClass> exposeNoInternalType() {
        DescribedPredicate<JavaClass> internal = JavaClass.Predicates.resideInAPackage(INTERNAL);
        return new ArchCondition<>("expose no type of " + INTERNAL + " in a public or protected signature") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                List<JavaMember> members = new ArrayList<>();
                members.addAll(type.getMethods());
                members.addAll(type.getConstructors());
                members.addAll(type.getFields());
                for (JavaMember member : members) {
                    if (!member.getModifiers().contains(JavaModifier.PUBLIC)
                            && !member.getModifiers().contains(JavaModifier.PROTECTED)) {
                        continue;
                    }
                    List<JavaClass> types = new ArrayList<>();
                    if (member instanceof JavaCodeUnit unit) {
                        types.add(unit.getRawReturnType());
                        types.addAll(unit.getRawParameterTypes());
                    } else if (member instanceof JavaField field) {
                        types.add(field.getRawType());
                    }
                    for (JavaClass used : types) {
                        if (internal.test(used)) {
                            events.add(SimpleConditionEvent.violated(member, member.getFullName() + " exposes " + used.getName()));
                        }
                    }
                }
            }
        };
    }
}
