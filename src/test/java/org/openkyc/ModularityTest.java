package org.openkyc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * Capability packages talk to each other only through their public faces, and without cycles.
 * Every package under {@code org.openkyc} is found from the compiled classes, so a new package is
 * checked by the same rules without this test naming it.
 */
class ModularityTest {

    private static final String ROOT = OpenKycApplication.class.getPackageName();

    private final ApplicationModules modules = ApplicationModules.of(OpenKycApplication.class);
    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // Classes Spring's AOT processing generates into target/classes at `package` (pom.xml,
            // process-aot): bean definitions and proxies written for our types, not code of ours.
            .withImportOption(location -> !location.contains("__") && !location.contains("$$SpringCGLIB$$"))
            .importPackages(ROOT);

    @Test
    void moduleBoundariesHold() {
        modules.verify();
    }

    /** The packages as found on the class path: the first segment under org.openkyc of every main class. */
    private Set<String> topLevelPackages() {
        return classes.stream().map(JavaClass::getPackageName).filter(p -> p.startsWith(ROOT + "."))
                .map(p -> p.substring(ROOT.length() + 1).split("\\.")[0])
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void everyPackageIsADeclaredModule() {
        Set<String> packages = topLevelPackages();
        // the capabilities there are today, so that a discovery that finds nothing cannot pass
        assertThat(packages).contains("api", "brand", "config", "customer", "db", "idempotency", "kyc", "operator",
                "outbox", "privacy", "program", "verification", "webhook", "worker");
        assertThat(modules.stream().map(ApplicationModule::getName)).containsExactlyInAnyOrderElementsOf(packages);
        for (String name : packages) {
            assertThat(classes.containPackage(ROOT + "." + name)
                    && classes.getPackage(ROOT + "." + name).isAnnotatedWith(org.springframework.modulith.ApplicationModule.class))
                    .as("%s has a package-info.java annotated @ApplicationModule", name).isTrue();
        }
        assertThat(classes.stream().filter(c -> c.getPackageName().equals(ROOT)).map(JavaClass::getSimpleName))
                .as("only the application class lives outside a module").containsOnly("OpenKycApplication");
    }

    /**
     * A module's face is its public types (Modulith exposes all of them, the packages being flat);
     * one that no other module uses widens the face for nothing and should be package-private. A
     * type that only appears in a public member of a type other modules use is part of that face.
     */
    @Test
    void everyPublicTypeIsUsedByAnotherModule() {
        var unused = new TreeMap<String, String>();
        for (JavaClass type : classes) {
            if (isPublicModuleType(type) && !usedOutsideItsModule(type) && !inAPublicSignature(type)) {
                unused.put(type.getName(), moduleOf(type.getPackageName()));
            }
        }
        assertThat(unused).as("public types no other module uses").isEmpty();
    }

    private static boolean isPublicModuleType(JavaClass type) {
        return type.getPackageName().startsWith(ROOT + ".") && type.isTopLevelClass() && type.getModifiers().contains(JavaModifier.PUBLIC);
    }

    private static boolean usedOutsideItsModule(JavaClass type) {
        String module = moduleOf(type.getPackageName());
        return type.getDirectDependenciesToSelf().stream().anyMatch(d -> !module.equals(moduleOf(d.getOriginClass().getPackageName())));
    }

    /** Returned by, or taken by, a public member of another public type that other modules use. */
    private static boolean inAPublicSignature(JavaClass type) {
        Set<JavaMember> members = new HashSet<>();
        members.addAll(type.getMethodsWithReturnTypeOfSelf());
        members.addAll(type.getMethodsWithParameterTypeOfSelf());
        members.addAll(type.getConstructorsWithParameterTypeOfSelf());
        members.addAll(type.getFieldsWithTypeOfSelf());
        return members.stream().anyMatch(m -> m.getModifiers().contains(JavaModifier.PUBLIC) && !m.getOwner().equals(type)
                && isPublicModuleType(m.getOwner()) && usedOutsideItsModule(m.getOwner()));
    }

    private static String moduleOf(String pkg) {
        return pkg.startsWith(ROOT + ".") ? pkg.substring(ROOT.length() + 1).split("\\.")[0] : pkg;
    }
}
