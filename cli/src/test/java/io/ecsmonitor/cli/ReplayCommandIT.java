package io.ecsmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code replay} through an embedded pipeline. */
class ReplayCommandIT {

    private static Path sample() {
        Path p = Path.of("../examples/sample-events.jsonl");
        return Files.exists(p) ? p : Path.of("examples/sample-events.jsonl");
    }

    private static CommandLine command(StringWriter out, StringWriter err) {
        CommandLine cl = EcsMonitorCommand.commandLine(new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                return cls == ReplayCommand.class ? cls.cast(new ReplayCommand(Map.of())) : CommandLine.defaultFactory().create(cls);
            }
        });
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl;
    }

    @Test
    void shouldClassifyAndDiagnoseAnExportAndSayWhichServicesAreInTrouble() {
        StringWriter out = new StringWriter();
        int rc = command(out, new StringWriter()).execute("replay", sample().toString());
        String text = out.toString();
        assertThat(rc).as(text).isEqualTo(EcsMonitorCommand.EXIT_FINDINGS);
        assertThat(text).containsPattern("api +CRITICAL +7 +3 +1 +api: out-of-memory errors")
                .containsPattern("gateway +CRITICAL").containsPattern("worker +OK +3 +2 +0");
    }

    @Test
    void shouldNameTheFileAndLineItCannotReplayAndExit2(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.jsonl");
        Files.writeString(bad, "{\"service\":\"api\",\"timestamp\":1,\"message\":\"x\"}\nnot json\n");
        StringWriter err = new StringWriter();
        int rc = command(new StringWriter(), err).execute("replay", bad.toString());
        assertThat(rc).isEqualTo(EcsMonitorCommand.EXIT_USAGE);
        assertThat(err.toString()).contains("bad.jsonl:2: not JSON").hasLineCount(1);
    }
}
