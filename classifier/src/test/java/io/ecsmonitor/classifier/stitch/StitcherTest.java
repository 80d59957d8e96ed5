package io.ecsmonitor.classifier.stitch;

import static io.ecsmonitor.classifier.stitch.RecordedEvents.feed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StitcherTest {

    private static final String BEFORE = "2024-05-01T12:00:00.000Z INFO  [main] c.e.Api - request served in 12 ms";
    private static final String AFTER = "2024-05-01T12:00:09.000Z INFO  [main] c.e.Api - request served in 9 ms";

    private final RecordedEvents out = new RecordedEvents();
    private final Stitcher<String> stitcher = new Stitcher<>(StitchConfig.DEFAULTS, out);

    /** Feeds an ordinary line, the trace line by line, another ordinary line; returns the events' messages. */
    private List<String> stitchBetweenOrdinaryLines(String trace) {
        stitcher.accept("s", 0, BEFORE);
        feed(stitcher, "s", 1, trace);
        stitcher.accept("s", 500, AFTER);
        stitcher.flushAll();
        return out.messages();
    }

    @Test
    void shouldJoinAGoPanicWithSeveralGoroutinesSignalLineAndExitStatus() {
        String trace = """
                panic: runtime error: invalid memory address or nil pointer dereference
                [signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x47b4d6]

                goroutine 18 [running]:
                main.(*Server).handle(0x0, {0x5b8e40, 0xc0000a8000})
                \t/app/server.go:42 +0x16
                created by main.(*Server).Serve in goroutine 1
                \t/app/server.go:30 +0x8a

                goroutine 1 [chan receive]:
                main.main()
                \t/app/main.go:18 +0x1d5

                goroutine 7 [select, 2 minutes]:
                net/http.(*persistConn).writeLoop(0xc000132000)
                \t/usr/local/go/src/net/http/transport.go:2421 +0xe5
                created by net/http.(*Transport).dialConn in goroutine 6
                \t/usr/local/go/src/net/http/transport.go:1777 +0x16f1
                exit status 2""";

        assertThat(stitchBetweenOrdinaryLines(trace)).containsExactly(BEFORE, trace, AFTER);
    }

    @Test
    void shouldJoinAGoDeadlockAndASigquitDump() {
        String deadlock = """
                fatal error: all goroutines are asleep - deadlock!

                goroutine 1 [chan receive]:
                main.main()
                \t/app/main.go:9 +0x2d
                exit status 2""";
        String sigquit = """
                SIGQUIT: quit
                PC=0x46b8e1 m=0 sigcode=0

                goroutine 0 [idle]:
                runtime.futex(0x5a4c28, 0x80, 0x0, 0x0, 0x0, 0x7ffd00000000, 0x439ae3, 0xc000032000, 0x7ffdd1a3e5f8, 0x40b0bf, ...)
                \t/usr/local/go/src/runtime/sys_linux_amd64.s:567 +0x21
                ...additional frames elided...
                rax    0xca
                rbx    0x5a4ae0""";

        stitcher.accept("s", 0, BEFORE);
        feed(stitcher, "s", 1, deadlock);
        feed(stitcher, "s", 100, sigquit);
        stitcher.flushAll();

        assertThat(out.messages()).containsExactly(BEFORE, deadlock, sigquit);
    }

    @Test
    void shouldJoinAGoHttpServerPanicToTheLoggerLineThatReportsIt() {
        String trace = """
                2024/05/01 12:00:05 http: panic serving 10.0.1.7:51234: assignment to entry in nil map
                goroutine 34 [running]:
                net/http.(*conn).serve.func1()
                \t/usr/local/go/src/net/http/server.go:1868 +0xb9
                panic({0x6a3f20?, 0x7b1e50?})
                \t/usr/local/go/src/runtime/panic.go:920 +0x270
                main.handler({0x7b6d38, 0xc0001a0000}, 0xc00019e000)
                \t/app/main.go:21 +0x45""";

        assertThat(stitchBetweenOrdinaryLines(trace)).containsExactly(BEFORE, trace, AFTER);
    }

    @Test
    void shouldJoinAChainedPythonTracebackWithCaretLinesIntoOneEvent() {
        String trace = """
                Traceback (most recent call last):
                  File "/app/orders.py", line 12, in load
                    return cache[order_id]
                           ~~~~~^^^^^^^^^^
                KeyError: 'A-1042'

                During handling of the above exception, another exception occurred:

                Traceback (most recent call last):
                  File "/app/main.py", line 30, in <module>
                    main()
                  File "/app/orders.py", line 14, in load
                    return db.fetch(order_id)
                           ^^^^^^^^^^^^^^^^^^
                requests.exceptions.ReadTimeout: HTTPSConnectionPool(host='db.internal', port=443): Read timed out. (read timeout=5)""";

        assertThat(stitchBetweenOrdinaryLines(trace)).containsExactly(BEFORE, trace, AFTER);
    }

    @Test
    void shouldJoinADirectCausePythonChainToTheLoggingExceptionLineBeforeIt() {
        String trace = """
                ERROR:app.worker:order sync failed
                Traceback (most recent call last):
                  File "/app/worker.py", line 8, in sync
                    resp.raise_for_status()
                requests.exceptions.HTTPError: 503 Server Error: Service Unavailable for url: http://stock/api

                The above exception was the direct cause of the following exception:

                Traceback (most recent call last):
                  File "/app/worker.py", line 20, in run
                    sync()
                app.errors.SyncFailed: stock service unavailable""";

        assertThat(stitchBetweenOrdinaryLines(trace)).containsExactly(BEFORE, trace, AFTER);
    }

    @Test
    void shouldJoinAJavaTraceWithSuppressedCausedByAndOmittedFramesToItsLoggerLine() {
        String trace = """
                2024-05-01T12:00:03.120Z ERROR 1 --- [nio-8080-exec-4] o.a.c.c.C.[.[.[/].[dispatcherServlet]    : Servlet.service() threw exception
                org.springframework.dao.DataAccessResourceFailureException: Unable to acquire JDBC Connection
                \tat org.springframework.orm.jpa.vendor.HibernateJpaDialect.convertHibernateAccessException(HibernateJpaDialect.java:277)
                \tat com.example.orders.OrderController.get(OrderController.java:41)
                \tSuppressed: java.lang.IllegalStateException: rollback failed
                \t\tat com.example.orders.Tx.rollback(Tx.java:88)
                \t\t... 3 more
                Caused by: java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 30000ms.
                \tat com.zaxxer.hikari.pool.HikariPool.createTimeoutException(HikariPool.java:696)
                \t... 12 common frames omitted
                Caused by: java.net.ConnectException: Connection refused
                \tat java.base/sun.nio.ch.Net.pollConnect(Native Method)
                \t... 15 common frames omitted""";

        assertThat(stitchBetweenOrdinaryLines(trace)).containsExactly(BEFORE, trace, AFTER);
    }

    @Test
    void shouldJoinAnUncaughtJavaExceptionWithMoreFramesLine() {
        String trace = """
                Exception in thread "main" java.lang.IllegalStateException: Failed to execute CommandLineRunner
                \tat org.springframework.boot.SpringApplication.callRunner(SpringApplication.java:774)
                \tat com.example.Main.main(Main.java:10)
                Caused by: java.lang.NullPointerException: Cannot invoke "String.length()" because "name" is null
                \tat com.example.Runner.run(Runner.java:22)
                \t... 2 more""";

        assertThat(stitchBetweenOrdinaryLines(trace)).containsExactly(BEFORE, trace, AFTER);
    }

    @Test
    void shouldJoinANodeTraceWithAsyncFrames() {
        String trace = """
                TypeError: Cannot read properties of undefined (reading 'id')
                    at getOrder (/app/src/orders.js:14:22)
                    at async Promise.all (index 0)
                    at async handler (/app/src/server.js:40:5)
                    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)""";

        assertThat(stitchBetweenOrdinaryLines(trace)).containsExactly(BEFORE, trace, AFTER);
    }

    @Test
    void shouldJoinANodeCrashFromItsSourceLocationAndCaretToTheVersionTrailer() {
        String trace = """
                /app/src/server.js:12
                    throw new Error('config missing: DATABASE_URL');
                    ^

                Error: config missing: DATABASE_URL
                    at Object.<anonymous> (/app/src/server.js:12:11)
                    at Module._compile (node:internal/modules/cjs/loader:1256:14)
                    at node:internal/main/run_main_module:23:47 {
                  code: 'ERR_CONFIG'
                }

                Node.js v18.17.0""";

        assertThat(stitchBetweenOrdinaryLines(trace)).containsExactly(BEFORE, trace, AFTER);
    }

    @Test
    void shouldJoinRubyDotNetPhpAndRustTraces() {
        String ruby = """
                /app/lib/orders.rb:12:in `fetch': undefined method `id' for nil:NilClass (NoMethodError)
                \tfrom /app/lib/orders.rb:30:in `block in run'
                \tfrom /app/bin/worker:5:in `<main>'""";
        String dotnet = """
                Unhandled exception. System.InvalidOperationException: Sequence contains no elements
                 ---> System.Net.Http.HttpRequestException: Connection refused (orders-db:5432)
                   at Orders.Api.Db.Open() in /src/Orders.Api/Db.cs:line 19
                   --- End of inner exception stack trace ---
                   at Orders.Api.OrderService.GetLatest() in /src/Orders.Api/OrderService.cs:line 27
                --- End of stack trace from previous location ---
                   at Orders.Api.Program.Main(String[] args) in /src/Orders.Api/Program.cs:line 12""";
        String php = """
                PHP Fatal error:  Uncaught RuntimeException: queue unavailable in /var/www/app/Worker.php:41
                Stack trace:
                #0 /var/www/app/run.php(12): App\\Worker->run()
                #1 {main}
                  thrown in /var/www/app/Worker.php on line 41""";
        String rust = """
                thread 'main' panicked at src/main.rs:14:37:
                called `Result::unwrap()` on an `Err` value: Os { code: 2, kind: NotFound, message: "No such file or directory" }
                note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace""";

        stitcher.accept("s", 0, BEFORE);
        feed(stitcher, "s", 10, ruby);
        feed(stitcher, "s", 20, dotnet);
        feed(stitcher, "s", 30, php);
        feed(stitcher, "s", 40, rust);
        stitcher.accept("s", 50, AFTER);
        stitcher.flushAll();

        assertThat(out.messages()).containsExactly(BEFORE, ruby, dotnet, php, rust, AFTER);
    }

    @Test
    void shouldEmitALoneExceptionLineAloneAndUnchangedWhenANormalLineFollows() {
        stitcher.accept("s", 0, "java.lang.IllegalStateException: cache not warmed up");
        stitcher.accept("s", 1, AFTER);
        stitcher.flushAll();

        assertThat(out.events).extracting(StitchedEvent::message, StitchedEvent::lineCount).containsExactly(
                org.assertj.core.groups.Tuple.tuple("java.lang.IllegalStateException: cache not warmed up", 1),
                org.assertj.core.groups.Tuple.tuple(AFTER, 1));
    }

    @Test
    void shouldNotHideATraceInsideTheInfoLineBeforeIt() {
        String trace = """
                java.lang.IllegalArgumentException: bad id
                \tat com.example.Api.get(Api.java:12)""";

        assertThat(stitchBetweenOrdinaryLines(trace)).containsExactly(BEFORE, trace, AFTER);
    }

    @Test
    void shouldReleaseAnErrorLineAndAFramelessExceptionLineSeparately() {
        stitcher.accept("s", 0, "2024-05-01T12:00:00Z ERROR payment declined");
        stitcher.accept("s", 1, "Error: card expired");
        stitcher.accept("s", 2, AFTER);
        stitcher.flushAll();

        assertThat(out.messages()).containsExactly(
                "2024-05-01T12:00:00Z ERROR payment declined", "Error: card expired", AFTER);
    }

    @Test
    void shouldNeverJoinOrdinaryRecordsEvenWhenTheyArePaddedOrLookLikeCode() {
        List<String> lines = List.of(
                "Starting order service v1.4.2",
                " INFO [main] o.s.b.SpringApplication - Started in 3.2 seconds",
                " WARN [main] o.h.e.j.e.i.JdbcEnvironmentInitiator - HHH000342: Could not obtain connection",
                "{\"level\":\"error\",\"msg\":\"upstream failed\"}",
                "main.go:12: config loaded (3 keys)",
                "level=error msg=\"retry failed\" attempt=3",
                "Retrying(3)");
        for (int i = 0; i < lines.size(); i++) {
            stitcher.accept("s", i, lines.get(i));
        }
        stitcher.flushAll();

        assertThat(out.messages()).containsExactlyElementsOf(lines);
    }

    @Test
    void shouldEmitBlankLinesAloneAfterTheTraceTheyFollow() {
        String trace = """
                Error: boom
                    at main (/app/x.js:1:7)""";
        feed(stitcher, "s", 0, trace);
        stitcher.accept("s", 5, "");
        stitcher.accept("s", 6, "   ");
        stitcher.accept("s", 7, AFTER);
        stitcher.flushAll();

        assertThat(out.messages()).containsExactly(trace, "", "   ", AFTER);
    }

    @Test
    void shouldCloseATraceWhenItsStreamIsQuietForTheQuietTime() {
        stitcher.accept("s", 1_000, "java.lang.IllegalStateException: boom");
        stitcher.accept("s", 1_001, "\tat com.example.A.a(A.java:1)");
        stitcher.accept("s", 3_001, "\tat com.example.B.b(B.java:2)");
        stitcher.accept("s", 3_002, "\tat com.example.C.c(C.java:3)");
        stitcher.flushAll();

        assertThat(out.messages()).containsExactly(
                "java.lang.IllegalStateException: boom\n\tat com.example.A.a(A.java:1)",
                "\tat com.example.B.b(B.java:2)\n\tat com.example.C.c(C.java:3)");
    }

    @Test
    void shouldFlushOnlyStreamsIdleForTheQuietTimeOnFlushIdle() {
        stitcher.accept("old", 1_000, "Error: boom");
        stitcher.accept("old", 1_000, "    at main (/app/x.js:1:7)");
        stitcher.accept("new", 2_500, "Error: bang");

        stitcher.flushIdle(2_999);
        assertThat(out.events).isEmpty();

        stitcher.flushIdle(3_000);
        assertThat(out.messages()).containsExactly("Error: boom\n    at main (/app/x.js:1:7)");
        assertThat(stitcher.openStreams()).isEqualTo(1);

        stitcher.flushIdle(4_500);
        assertThat(out.messages()).containsExactly("Error: boom\n    at main (/app/x.js:1:7)", "Error: bang");
        assertThat(stitcher.openStreams()).isZero();
    }

    @Test
    void shouldCutATraceAtMaxLinesAndContinueItInTheNextEvent() {
        Stitcher<String> small = new Stitcher<>(new StitchConfig(2_000, 4, 256 * 1024), out);
        List<String> lines = new ArrayList<>();
        lines.add("java.lang.StackOverflowError");
        for (int i = 0; i < 9; i++) {
            lines.add("\tat com.example.Recursive.call(Recursive.java:" + i + ")");
        }
        for (int i = 0; i < lines.size(); i++) {
            small.accept("s", i, lines.get(i), "attachment-" + i);
        }
        small.accept("s", 20, AFTER);
        small.flushAll();

        assertThat(out.events).extracting(StitchedEvent::lineCount).containsExactly(4, 4, 2, 1);
        assertThat(out.events).extracting(StitchedEvent::truncated).containsExactly(true, true, false, false);
        assertThat(out.events).extracting(StitchedEvent::continued).containsExactly(false, true, true, false);
        assertThat(out.events).extracting(StitchedEvent::attachment)
                .containsExactly("attachment-0", "attachment-4", "attachment-8", null);
        assertThat(String.join("\n", out.messages().subList(0, 3))).isEqualTo(String.join("\n", lines));
    }

    @Test
    void shouldCutATraceAtMaxBytesCountedInUtf8() {
        Stitcher<String> small = new Stitcher<>(new StitchConfig(2_000, 500, 1024), out);
        String frame = "\tat com.example.Façade.é" + "é".repeat(180) + "(Façade.java:1)";
        int frameBytes = StreamState.utf8Length(frame);
        small.accept("s", 0, "java.lang.IllegalStateException: boom");
        for (int i = 0; i < 6; i++) {
            small.accept("s", 1, frame);
        }
        small.flushAll();

        assertThat(frameBytes).isGreaterThan(frame.length());
        assertThat(out.events).allSatisfy(e ->
                assertThat(StreamState.utf8Length(e.message())).isLessThanOrEqualTo(1024));
        assertThat(out.events).extracting(StitchedEvent::lineCount).containsExactly(3, 2, 2);
        assertThat(out.lineCount()).isEqualTo(7);
    }

    @Test
    void shouldPassOnALineLongerThanMaxBytesWhole() {
        Stitcher<String> small = new Stitcher<>(new StitchConfig(2_000, 500, 1024), out);
        String huge = "\tat " + "x".repeat(5_000);
        small.accept("s", 0, "java.lang.IllegalStateException: boom");
        small.accept("s", 1, huge);
        small.accept("s", 2, "\tat com.example.A.a(A.java:1)");
        small.flushAll();

        assertThat(out.messages()).containsExactly(
                "java.lang.IllegalStateException: boom", huge, "\tat com.example.A.a(A.java:1)");
        assertThat(out.events).extracting(StitchedEvent::truncated).containsExactly(true, true, false);
        assertThat(out.events).extracting(StitchedEvent::continued).containsExactly(false, true, true);
    }

    @Test
    void shouldStitchInterleavedStreamsIndependently() {
        String python = """
                Traceback (most recent call last):
                  File "/app/a.py", line 1, in <module>
                ZeroDivisionError: division by zero""";
        String java = """
                java.lang.ArithmeticException: / by zero
                \tat com.example.A.main(A.java:3)""";
        String[] p = python.split("\n");
        String[] j = java.split("\n");
        stitcher.accept("python", 0, p[0]);
        stitcher.accept("java", 0, j[0]);
        stitcher.accept("python", 1, p[1]);
        stitcher.accept("java", 1, j[1]);
        stitcher.accept("python", 2, p[2]);
        stitcher.accept("java", 2, AFTER);
        stitcher.accept("python", 3, AFTER);
        stitcher.flushAll();

        assertThat(out.messages("python")).containsExactly(python, AFTER);
        assertThat(out.messages("java")).containsExactly(java, AFTER);
    }

    @Test
    void shouldTakeAnEventThatAlreadyHoldsNewlinesAsOneLine() {
        String multiLine = "java.lang.IllegalStateException: boom\n\tat com.example.A.a(A.java:1)";
        stitcher.accept("s", 0, multiLine);
        stitcher.accept("s", 1, "\tat com.example.B.b(B.java:2)\n\tat com.example.C.c(C.java:3)");
        stitcher.accept("s", 2, AFTER);
        stitcher.flushAll();

        assertThat(out.messages()).containsExactly(
                multiLine + "\n\tat com.example.B.b(B.java:2)\n\tat com.example.C.c(C.java:3)", AFTER);
        assertThat(out.events.get(0).lineCount()).isEqualTo(2);
    }

    @Test
    void shouldCarryTheFirstLineAttachmentAndGivePendingLinesTheirOwnBack() {
        stitcher.accept("s", 0, "ERROR sync failed", "first");
        stitcher.accept("s", 1, "Traceback (most recent call last):", "second");
        stitcher.accept("s", 2, "  File \"/app/a.py\", line 1, in <module>", "third");
        stitcher.accept("s", 3, "OSError: disk full", "fourth");
        stitcher.accept("s", 4, "ERROR retry failed", "fifth");
        stitcher.accept("s", 5, "java.io.IOException: disk full", "sixth");
        stitcher.accept("s", 6, AFTER, "seventh");
        stitcher.flushAll();

        assertThat(out.events).extracting(StitchedEvent::attachment)
                .containsExactly("first", "fifth", "sixth", "seventh");
        assertThat(out.events).extracting(StitchedEvent::timestampMs).containsExactly(0L, 4L, 5L, 6L);
    }

    @Test
    void shouldResumeFromAStoredBufferAsIfItHadNeverStopped() throws Exception {
        String trace = """
                panic: boom

                goroutine 1 [running]:
                main.main()
                \t/app/main.go:5 +0x1d""";
        String[] lines = trace.split("\n");
        stitcher.accept("s", 0, lines[0], "a0");
        stitcher.accept("s", 1, lines[1], "a1");
        ObjectMapper json = new ObjectMapper();
        String stored = json.writeValueAsString(stitcher.buffer("s").orElseThrow());

        RecordedEvents resumedOut = new RecordedEvents();
        Stitcher<String> resumed = new Stitcher<>(StitchConfig.DEFAULTS, resumedOut);
        resumed.restore("s", json.readValue(stored, new TypeReference<StreamBuffer<String>>() { }));
        for (int i = 2; i < lines.length; i++) {
            resumed.accept("s", i, lines[i]);
        }
        resumed.accept("s", 10, AFTER);
        resumed.flushAll();

        assertThat(resumedOut.messages()).containsExactly(trace, AFTER);
        assertThat(resumedOut.events.get(0).attachment()).isEqualTo("a0");
    }

    @Test
    void shouldReleaseAStoredPendingBlankLineAloneWhenTheTraceEndsAfterRestore() throws Exception {
        stitcher.accept("s", 0, "panic: boom", "a0");
        stitcher.accept("s", 1, "", "a1");
        StreamBuffer<String> buffer = stitcher.buffer("s").orElseThrow();

        RecordedEvents resumedOut = new RecordedEvents();
        Stitcher<String> resumed = new Stitcher<>(StitchConfig.DEFAULTS, resumedOut);
        resumed.restore("s", buffer);
        resumed.accept("s", 2, AFTER, "a2");
        resumed.flushAll();

        assertThat(buffer.lines()).containsExactly("panic: boom");
        assertThat(buffer.pending()).containsExactly(new StreamBuffer.PendingLine<>("", 1, "a1"));
        assertThat(resumedOut.events).extracting(StitchedEvent::message, StitchedEvent::attachment).containsExactly(
                org.assertj.core.groups.Tuple.tuple("panic: boom", "a0"),
                org.assertj.core.groups.Tuple.tuple("", "a1"),
                org.assertj.core.groups.Tuple.tuple(AFTER, "a2"));
    }

    @Test
    void shouldRefuseToRestoreOverAStreamThatHoldsLines() {
        stitcher.accept("s", 0, "Error: boom");
        StreamBuffer<String> buffer = stitcher.buffer("s").orElseThrow();

        assertThatThrownBy(() -> stitcher.restore("s", buffer))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already holds 1 lines");
    }

    @Test
    void shouldPassEveryLineOnceInStreamOrderForRandomInputWithSmallLimits() {
        List<String> pool = List.of(
                "", "  ", AFTER, "java.lang.IllegalStateException: x", "\tat a.B.c(B.java:1)", "Caused by: y",
                "Traceback (most recent call last):", "  File \"a.py\", line 1, in f", "KeyError: 'k'",
                "During handling of the above exception, another exception occurred:", "panic: p",
                "goroutine 1 [running]:", "main.main()", "created by main.x", "ERROR failed", "Error: e",
                "/app/x.js:3", "    ^", "}", "<p>", "    at f (/a.js:1:1)", "... 3 more");
        Random random = new Random(42);
        Stitcher<String> small = new Stitcher<>(new StitchConfig(50, 5, 1024), out);
        List<List<String>> inputs = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        long now = 0;
        for (int i = 0; i < 20_000; i++) {
            int stream = random.nextInt(3);
            String line = pool.get(random.nextInt(pool.size())) + (random.nextInt(10) == 0 ? " #" + i : "");
            now += random.nextInt(20);
            inputs.get(stream).add(line);
            small.accept("s" + stream, now, line);
            if (random.nextInt(100) == 0) {
                small.flushIdle(now);
            }
        }
        small.flushAll();

        assertThat(out.lineCount()).isEqualTo(20_000);
        for (int s = 0; s < 3; s++) {
            assertThat(String.join("\n", out.messages("s" + s))).isEqualTo(String.join("\n", inputs.get(s)));
        }
        assertThat(out.events).allSatisfy(e -> assertThat(e.lineCount()).isBetween(1, 5));
        assertThat(out.events).anySatisfy(e -> assertThat(e.lineCount()).isGreaterThan(1));
    }
}
