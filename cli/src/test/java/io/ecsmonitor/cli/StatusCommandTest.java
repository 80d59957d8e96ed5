package io.ecsmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class StatusCommandTest {

    private static String[] run(String... args) {
        CommandLine cl = EcsMonitorCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new String[] {String.valueOf(exit), out.toString(), err.toString()};
    }

    @Test
    void shouldSayInOneLineThatNoEcsMonitorAnswersThere() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String[] r = run("status", "--url", "http://127.0.0.1:" + port);
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[1]).isEmpty();
        assertThat(r[2].lines().toList()).singleElement().asString()
                .startsWith("ecs-monitor: cannot reach ecs-monitor at http://127.0.0.1:" + port)
                .endsWith("start 'ecs-monitor run' or set --url / ECS_MONITOR_URL to a running instance");
    }

    @Test
    void shouldRefuseAUrlThatIsNotHttp() {
        String[] r = run("status", "--url", "localhost:8080");
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2].trim()).isEqualTo("ecs-monitor: --url localhost:8080 is not an http(s) URL; write it like http://localhost:8080");
    }
}
