package io.ecsmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SinksCommandTest {

    private StringWriter err;

    private int run(String... args) {
        CommandLine cl = EcsMonitorCommand.commandLine();
        err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        return cl.execute(args);
    }

    @Test
    void shouldRefuseABadWebhookUrlInOneLineWithExitCode2() {
        int code = run("sinks", "--bootstrap-servers", "localhost:1", "--webhook-url", "ftp://hooks.example.com/x");
        assertThat(code).isEqualTo(EcsMonitorCommand.EXIT_USAGE);
        assertThat(err.toString()).isEqualTo("ecs-monitor: Invalid value ftp://hooks.example.com/x for configuration --webhook-url: "
                + "not an http(s) URL; write it like https://hooks.example.com/alerts" + System.lineSeparator());
    }

    @Test
    void shouldRefuseABadSnsTopicArn() {
        int code = run("sinks", "--bootstrap-servers", "localhost:1", "--sns-topic-arn", "alerts");
        assertThat(code).isEqualTo(EcsMonitorCommand.EXIT_USAGE);
        assertThat(err.toString()).contains("--sns-topic-arn").contains("arn:aws:sns:us-east-1:123456789012:alerts")
                .hasLineCount(1);
    }

    @Test
    void shouldRefuseToRunWithoutAnySink() {
        int code = run("sinks", "--bootstrap-servers", "localhost:1", "--no-files");
        assertThat(code).isEqualTo(EcsMonitorCommand.EXIT_USAGE);
        assertThat(err.toString()).contains("no sink is configured").hasLineCount(1);
    }

    @Test
    void shouldBeASubcommandOfTheRoot() {
        assertThat(EcsMonitorCommand.commandLine().getSubcommands()).containsKey("sinks");
    }
}
