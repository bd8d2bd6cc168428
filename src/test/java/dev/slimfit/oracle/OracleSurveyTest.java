package dev.slimfit.oracle;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Prints the full survey table (all shared models, 3 seeds, two worker processes). Opt-in, since
 * it takes about a minute: {@code mvn test -Dtest=OracleSurveyTest -Dslimfit.oracle.survey=true}
 * (surefire passes {@code -D} user properties to the test JVM).
 */
class OracleSurveyTest {

    @Test
    @EnabledIfSystemProperty(named = "slimfit.oracle.survey", matches = "true")
    void printSurvey() throws IOException {
        try (IsolatedOracle oracle = new IsolatedOracle()) {
            List<OracleSurvey.Row> rows = OracleSurvey.survey(oracle, SharedModels.modelsDir(), SharedModels.all(), 3);
            System.out.print(OracleSurvey.table(rows));
            System.out.println("worker JVM starts: " + oracle.childStarts());
            assertFalse(rows.isEmpty());
        }
    }
}
