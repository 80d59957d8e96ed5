package io.ecsmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The README's quick start, end to end: embedded broker, every topology, the probe on the fakes, the sinks. */
class DemoCommandIT {

    @Test
    void shouldRaiseTheIncidentsAlertsAndNoneForTheHealthyService() {
        CommandLine cl = EcsMonitorCommand.commandLine();
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(new StringWriter()));

        int rc = cl.execute("demo", "--timeout", "90");

        String text = out.toString();
        assertThat(rc).as(text).isZero();
        assertThat(text).contains("CRITICAL OPENED").contains("checkout: OOM crash loop")
                .contains("api: failed rollout — deployment ecs-svc/2042 (api:42)")
                .contains("Target.ResponseCodeMismatch");
        assertThat(text.lines().filter(l -> l.startsWith("[")).toList()).isNotEmpty()
                .noneMatch(l -> l.contains("catalog"));
        String summary = text.substring(text.indexOf("summary"));
        assertThat(summary).containsPattern("checkout +CRITICAL").containsPattern("api +CRITICAL").containsPattern("catalog +OK");
    }
}
