package dev.slimfit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The five layering rules of DESIGN.md §1, over the main classes only (tests may use anything).
 *
 * <p>{@link Launcher} needs no exemption: it names the UI class only as a string (reflection, so
 * the CLI never loads JavaFX) and prints its one failure line through {@code cli}. The rules that
 * name packages not written yet (runtime, optimize, eval, view-models) allow an empty match.
 */
class LayeringTest {
    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.slimfit");
    }

    /**
     * The one exception to rule 1: decoding calibration/evaluation images needs ImageIO's rasters
     * (java.awt.image), and decoding them raw, without colour management, is an engine concern
     * the CLI needs too. That class may use java.awt.image and nothing else of AWT or a toolkit.
     */
    static final String IMAGE_DECODER = "dev.slimfit.eval.ImageDecoder";

    /** Rule 1, the exception: rasters only. */
    static final ArchRule IMAGE_DECODER_USES_ONLY_RASTERS = noClasses().that().haveFullyQualifiedName(IMAGE_DECODER)
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.jfree..", "javax.swing..", "java.awt",
                    "java.awt.event..", "java.awt.geom..", "java.awt.font..", "java.awt.color..")
            .because("the image decoder may read rasters (java.awt.image) but nothing else of AWT");

    /** Rule 1. */
    static final ArchRule ONLY_UI_USES_GUI_TOOLKITS = noClasses().that().resideOutsideOfPackage("dev.slimfit.ui..")
            .and().doNotHaveFullyQualifiedName(IMAGE_DECODER)
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.jfree..", "java.awt..", "javax.swing..")
            .because("only dev.slimfit.ui may touch a GUI toolkit (DESIGN.md §1 rule 1)");

    /** Rule 2. */
    static final ArchRule ONLY_TFLITE_USES_SCHEMA = noClasses().that().resideOutsideOfPackage("dev.slimfit.tflite..")
            .should().dependOnClassesThat().resideInAnyPackage("org.tensorflow.lite.schema..", "com.google.flatbuffers..")
            .because("only dev.slimfit.tflite knows the file format (DESIGN.md §1 rule 2)");

    /** Rule 3. */
    static final ArchRule MODEL_AND_TFLITE_STAY_LOW = noClasses()
            .that().resideInAnyPackage("dev.slimfit.model..", "dev.slimfit.tflite..")
            .should().dependOnClassesThat()
            .resideInAnyPackage("dev.slimfit.runtime..", "dev.slimfit.optimize..", "dev.slimfit.eval..")
            .because("arrows point down only (DESIGN.md §1 rule 3)");

    /** Rule 4. */
    static final ArchRule VIEW_MODELS_HAVE_NO_SCENE = noClasses().that().haveSimpleNameEndingWith("ViewModel")
            .should().dependOnClassesThat().resideInAPackage("javafx.scene..")
            .because("view-models stay testable without a toolkit (DESIGN.md §1 rule 4)")
            .allowEmptyShould(true);

    /** Rule 5. */
    static final ArchRule ONLY_CLI_PRINTS = noClasses().that().resideOutsideOfPackage("dev.slimfit.cli..")
            .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
            .orShould().callMethod(Throwable.class, "printStackTrace")
            .because("only dev.slimfit.cli prints; the rest returns values or logs (DESIGN.md §1 rule 5)");

    @Test
    void nothingOutsideUiImportsAGuiToolkit() {
        ONLY_UI_USES_GUI_TOOLKITS.check(main);
    }

    @Test
    void theImageDecoderUsesOnlyRasters() {
        IMAGE_DECODER_USES_ONLY_RASTERS.check(main);
    }

    @Test
    void nothingOutsideTfliteImportsTheSchemaOrFlatbuffers() {
        ONLY_TFLITE_USES_SCHEMA.check(main);
    }

    @Test
    void modelAndTfliteNeverImportRuntimeOptimizeOrEval() {
        MODEL_AND_TFLITE_STAY_LOW.check(main);
    }

    @Test
    void viewModelsNeverImportJavafxScene() {
        VIEW_MODELS_HAVE_NO_SCENE.check(main);
    }

    @Test
    void onlyCliWritesToSystemOutOrErr() {
        ONLY_CLI_PRINTS.check(main);
    }

    @Test
    void theRulesSeeViolationsWhereTheyExist() {
        // The allowed users, judged by the rules' own conditions, do violate them: the rules are not vacuous.
        JavaClasses cli = main.that(com.tngtech.archunit.base.DescribedPredicate.describe("cli",
                c -> c.getPackageName().startsWith("dev.slimfit.cli")));
        JavaClasses ui = main.that(com.tngtech.archunit.base.DescribedPredicate.describe("ui",
                c -> c.getPackageName().startsWith("dev.slimfit.ui")));
        JavaClasses tflite = main.that(com.tngtech.archunit.base.DescribedPredicate.describe("tflite",
                c -> c.getPackageName().startsWith("dev.slimfit.tflite")));
        assertFalse(cli.isEmpty() || ui.isEmpty() || tflite.isEmpty());
        assertTrue(noClasses().should().accessField(System.class, "err").evaluate(cli).hasViolation());
        assertTrue(noClasses().should().dependOnClassesThat().resideInAPackage("javafx..").evaluate(ui)
                .hasViolation());
        assertTrue(noClasses().should().dependOnClassesThat().resideInAPackage("com.google.flatbuffers..")
                .evaluate(tflite).hasViolation());
    }
}
