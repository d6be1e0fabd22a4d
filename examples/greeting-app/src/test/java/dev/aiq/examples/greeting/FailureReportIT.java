package dev.aiq.examples.greeting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.aiq.api.DevMode;
import dev.aiq.junit.AiqDevApp;
import dev.aiq.junit.DevApp;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/** What a user sees when a test of the kit fails: the app's and the agent's output in the failure. */
class FailureReportIT {

    @Test
    void aFailingTestCarriesTheAppsAndTheAgentsOutput() {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(FailsOnPurpose.class)).build(), listener);

        List<TestExecutionSummary.Failure> failures = listener.getSummary().getFailures();
        assertThat(failures).hasSize(1);
        Throwable failure = failures.get(0).getException();
        assertThat(failure).hasMessageContaining("the greeting is not what the test wanted");
        assertThat(Arrays.stream(failure.getSuppressed()).map(Throwable::getMessage))
                .singleElement().asString()
                .contains("the app under test printed:", "READY Hello, world!", "Development Mode Active");
    }

    /** Run only by the test above (failsafe leaves nested classes alone). */
    @AiqDevApp(mainClass = GreetingApp.class, libraries = DevMode.class, config = "greeting.yaml")
    static class FailsOnPurpose {

        @Test
        void fails(DevApp app) {
            app.process().awaitLine("READY ");
            throw new AssertionError("the greeting is not what the test wanted");
        }
    }
}
