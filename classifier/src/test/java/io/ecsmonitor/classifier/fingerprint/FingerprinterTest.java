package io.ecsmonitor.classifier.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FingerprinterTest {

    private static void assertSame(String a, String b) {
        assertThat(Fingerprinter.fingerprint(a))
            .as("same fingerprint expected for%n  %s%n  %s%ntemplates%n  %s%n  %s", a, b,
                Fingerprinter.template(a), Fingerprinter.template(b))
            .isEqualTo(Fingerprinter.fingerprint(b));
    }

    private static void assertDifferent(String a, String b) {
        assertThat(Fingerprinter.fingerprint(a))
            .as("different fingerprints expected for%n  %s%n  %s%ntemplates%n  %s%n  %s", a, b,
                Fingerprinter.template(a), Fingerprinter.template(b))
            .isNotEqualTo(Fingerprinter.fingerprint(b));
    }

    @Nested
    class Contract {

        @Test
        void shouldGroupMessagesThatDifferOnlyInANumber() {
            assertSame("user 42 not found", "user 7 not found");
            assertThat(Fingerprinter.template("user 42 not found")).isEqualTo("user <*> not found");
        }

        @Test
        void shouldSeparateMessagesThatDifferInAConstantWord() {
            assertDifferent("user 42 not found", "order 42 not found");
        }

        @Test
        void shouldBeSixteenLowercaseHexDigitsOfTheTemplateHash() {
            String message = "connection to 10.0.0.7:5432 refused after 3 retries";
            String fingerprint = Fingerprinter.fingerprint(message);

            assertThat(fingerprint).matches("[0-9a-f]{16}");
            assertThat(fingerprint).isEqualTo(Fingerprinter.toHex(Fingerprinter.fingerprint64(message)));
            assertThat(Fingerprinter.fingerprint64(message))
                .isEqualTo(Fingerprinter.hashTemplate(Fingerprinter.template(message)));
        }

        @Test
        void shouldKeepFingerprintsStableAcrossReleases() {
            // Stored fingerprints (alert state, dashboards) must survive upgrades: these values may only
            // change together with a deliberate, documented change of the template rules.
            assertThat(Fingerprinter.fingerprint("user 42 not found")).isEqualTo("80b7092a635afecc");
            assertThat(Fingerprinter.fingerprint("")).isEqualTo("efd01f60ba992926");
        }

        @Test
        void shouldGiveTheSameFingerprintsFromManyThreads() {
            List<String> messages = IntStream.range(0, 20_000)
                .mapToObj(i -> i % 3 == 0
                    ? "{\"level\":\"error\",\"msg\":\"job " + i + " failed on worker-" + (i % 7) + "\"}"
                    : "2024-01-02T03:04:05Z WARN [pool-1-thread-" + i + "] " + "x".repeat(i % 500) + " took " + i + "ms")
                .toList();
            List<String> sequential = messages.stream().map(Fingerprinter::fingerprint).toList();
            List<String> parallel = messages.parallelStream().map(Fingerprinter::fingerprint).toList();

            assertThat(parallel).isEqualTo(sequential);
            // One template for the JSON lines, one per length of the x-word for the others.
            assertThat(new HashSet<>(sequential)).hasSize(1 + 500);
        }

        @Test
        void shouldTreatNullAsEmpty() {
            assertThat(Fingerprinter.template(null)).isEmpty();
            assertThat(Fingerprinter.fingerprint(null)).isEqualTo(Fingerprinter.fingerprint(""));
            assertThat(Fingerprinter.fingerprint("")).isNotEqualTo(Fingerprinter.fingerprint("x"));
        }
    }

    @Nested
    class VariableParts {

        @Test
        void shouldMaskUuids() {
            assertSame("request 3f2a9c1e-8b7d-4e6f-a1b2-c3d4e5f60718 failed",
                "request 0b9e7d1c-1234-4abc-9def-000000000001 failed");
            assertThat(Fingerprinter.template("request 3f2a9c1e-8b7d-4e6f-a1b2-c3d4e5f60718 failed"))
                .isEqualTo("request <*> failed");
        }

        @Test
        void shouldMaskIpAddressesWithAndWithoutPorts() {
            assertSame("connect to 10.0.12.7:5432 refused", "connect to 172.16.3.201:6543 refused");
            assertSame("connect to 10.0.12.7 refused", "connect to 10.0.12.7:5432 refused");
            assertSame("connect to [2001:db8::1]:443 refused", "connect to [fe80::1ff:fe23:4567:890a]:8443 refused");
            assertDifferent("connect to 10.0.12.7:5432 refused", "connect to 10.0.12.7:5432 reset");
        }

        @Test
        void shouldMaskHostNames() {
            assertSame("cannot resolve db-1.prod.example.com", "cannot resolve cache.staging.example.org");
            assertSame("lookup ip-10-0-1-23.eu-west-1.compute.internal failed",
                "lookup ip-10-0-9-7.eu-west-1.compute.internal failed");
            assertDifferent("class com.example.OrderService failed", "class com.example.UserService failed");
        }

        @Test
        void shouldMaskHexAddressesAndIds() {
            assertSame("object at 0x7ffd5e8c3a10 freed twice", "object at 0x55d0c0ffee00 freed twice");
            assertSame("checksum deadbeef mismatch", "checksum cafebabe mismatch");
            assertDifferent("checksum deadbeef mismatch", "checksum deadbeef matched");
        }

        @Test
        void shouldMaskDurationsWithOrWithoutASpaceBeforeTheUnit() {
            assertSame("request took 1.5s", "request took 250ms");
            assertSame("request took 250 ms", "request took 3 seconds");
            assertDifferent("request took 250ms", "response took 250ms");
        }

        @Test
        void shouldMaskQuotedValues() {
            assertSame("key 'customer_id' missing", "key 'order_ref' missing");
            assertSame("unknown field \"colour\" in config", "unknown field \"size\" in config");
            assertSame("KeyError: 'id'", "KeyError: 'name'");
            assertThat(Fingerprinter.template("can't open 'a.txt' for writing"))
                .isEqualTo("can't open <*> for writing");
        }

        @Test
        void shouldMaskNumericPathSegmentsAndPaths() {
            assertSame("GET /users/123/orders 200", "GET /users/456/orders 200");
            assertSame("failed to read /var/data/2024/part-0001.csv", "failed to read /var/data/2023/part-0420.csv");
            assertDifferent("GET /users/123/orders 200", "POST /users/123/orders 200");
        }

        @Test
        void shouldMaskKeyValueValuesButKeepTheLevel() {
            assertSame("evicted key=session:9f2 reason=expired", "evicted key=cart:1a reason=size");
            assertDifferent("level=error msg=\"disk full\"", "level=info msg=\"disk full\"");
            assertSame("level=error msg=\"user 42 not found\" request_id=ab12",
                "level=error msg=\"user 7 not found\" request_id=zz99");
            assertDifferent("level=error msg=\"user 42 not found\"", "level=error msg=\"order 42 not found\"");
        }

        @Test
        void shouldMaskBooleansAndNulls() {
            assertSame("cache enabled=true warm: false", "cache enabled=false warm: true");
            assertSame("parent is null", "parent is None");
        }

        @Test
        void shouldMaskUserNamesAfterUser() {
            assertSame("Invalid user admin from 10.1.1.1", "Invalid user oracle from 10.2.2.2");
            assertSame("session opened for user root", "session opened for user deploy");
            assertDifferent("user not found", "user not allowed");
        }

        @Test
        void shouldKeepWordsWithoutDigits() {
            assertDifferent("payment declined", "payment accepted");
            assertDifferent("Connection refused", "Connection reset");
            assertThat(Fingerprinter.template("Shutting down gracefully")).isEqualTo("Shutting down gracefully");
        }

        @Test
        void shouldCollapseVariableListsOfAnyLength() {
            assertSame("IRQs 3 4 5 6 assigned", "IRQs 10 11 assigned");
            assertSame("sent 5 bytes (0 KB)", "sent 1024 bytes");
        }

        @Test
        void shouldNormaliseWhitespace() {
            assertSame("shouldBlock  ret:false", "shouldBlock ret:true");
            assertSame("  padded message  \n", "padded message");
        }
    }

    @Nested
    class LogPrefixes {

        private static final String STATEMENT = "ERROR Payment failed for order 42";

        @Test
        void shouldNormaliseTimestampsInTheUsualFormats() {
            assertSame("2024-01-02T03:04:05.678Z " + STATEMENT, "2025-11-30T23:59:01.001Z " + STATEMENT);
            assertSame("2024-01-02T03:04:05.678+01:00 " + STATEMENT, "2024-01-02T03:04:05Z " + STATEMENT);
            assertSame("2019/11/27 20:46:42 " + STATEMENT, "2020/01/03 01:02:03 " + STATEMENT);
            assertSame("[2024-01-02 03:04:05,123] " + STATEMENT, "[2024-02-29 13:14:15,999] " + STATEMENT);
            assertSame("Jan  2 03:04:05 " + STATEMENT, "Dec 31 23:59:59 " + STATEMENT);
            assertSame("Sun Jul 17 07:07:00 2005 " + STATEMENT, "Fri Jun 03 15:42:50 2005 " + STATEMENT);
            assertSame("1704164645123 " + STATEMENT, "1704164699999 " + STATEMENT);
            assertSame("02/Jan/2024:03:04:05 +0000 " + STATEMENT, "28/Feb/2024:13:14:15 +0000 " + STATEMENT);
        }

        @Test
        void shouldNormalisePidsThreadsAndRequestIds() {
            assertSame("2024-01-02 03:04:05 [25320] [pool-1-thread-3] " + STATEMENT,
                "2024-01-02 03:04:06 [117] [pool-4-thread-12] " + STATEMENT);
            assertSame("Jan  2 03:04:05 ip-10-0-1-5 app[25320]: started", "Feb 14 13:04:05 ip-10-0-7-9 app[7]: started");
            assertSame("RequestId: 9b2c1d3e-aaaa-4bbb-8ccc-0123456789ab " + STATEMENT,
                "RequestId: 00000000-1111-4222-8333-444444444444 " + STATEMENT);
        }

        @Test
        void shouldKeepTheLevelAndTheStatement() {
            assertDifferent("2024-01-02T03:04:05Z ERROR cache miss", "2024-01-02T03:04:05Z WARN cache miss");
            assertDifferent("2024-01-02T03:04:05Z ERROR cache miss", "2024-01-02T03:04:05Z ERROR cache hit");
        }
    }

    @Nested
    class JsonLines {

        @Test
        void shouldIgnoreTimestampsAndRequestIds() {
            assertSame(
                "{\"time\":\"2024-01-02T03:04:05Z\",\"level\":\"error\",\"msg\":\"user 42 not found\",\"request_id\":\"abc-123\"}",
                "{\"time\":\"2024-03-09T10:00:00Z\",\"level\":\"error\",\"msg\":\"user 7 not found\",\"request_id\":\"zzz-999\"}");
        }

        @Test
        void shouldIgnoreOtherFieldsButKeepLevelAndMessage() {
            String base = "{\"level\":\"error\",\"msg\":\"cache miss\",\"caller\":\"cache/lru.go:42\",\"pod\":\"web-1\"}";
            assertSame(base, "{\"level\":\"error\",\"msg\":\"cache miss\",\"caller\":\"cache/lru.go:97\",\"pod\":\"web-abc\"}");
            assertDifferent(base, "{\"level\":\"warn\",\"msg\":\"cache miss\"}");
            assertDifferent(base, "{\"level\":\"error\",\"msg\":\"cache hit\"}");
            assertThat(Fingerprinter.template(base)).isEqualTo("error msg=cache miss");
        }

        @Test
        void shouldTemplateEveryMessageField() {
            assertSame("{\"level\":\"error\",\"msg\":\"query failed\",\"error\":\"dial tcp 10.0.0.1:5432: connection refused\"}",
                "{\"level\":\"error\",\"msg\":\"query failed\",\"error\":\"dial tcp 10.0.0.9:5433: connection refused\"}");
            assertDifferent("{\"level\":\"error\",\"msg\":\"query failed\",\"error\":\"connection refused\"}",
                "{\"level\":\"error\",\"msg\":\"query failed\",\"error\":\"i/o timeout\"}");
        }

        @Test
        void shouldReadMessagesWrappedByTheLogDriver() {
            // Fluent Bit / FireLens wraps the container's line in "log"; the line itself may be JSON.
            assertSame("{\"log\":\"{\\\"level\\\":\\\"info\\\",\\\"msg\\\":\\\"started in 42ms\\\"}\",\"stream\":\"stdout\"}",
                "{\"log\":\"{\\\"level\\\":\\\"info\\\",\\\"msg\\\":\\\"started in 7ms\\\"}\",\"stream\":\"stderr\"}");
            assertSame("2024-01-02T03:04:05Z {\"level\":\"info\",\"message\":\"ready\"}",
                "2024-05-06T07:08:09Z {\"level\":\"info\",\"message\":\"ready\"}");
        }

        @Test
        void shouldFallBackToKeyNamesWhenThereIsNoMessageField() {
            assertSame("{\"ts\":1,\"status\":200,\"path\":\"/a\"}", "{\"ts\":2,\"status\":503,\"path\":\"/b\"}");
            assertDifferent("{\"ts\":1,\"status\":200}", "{\"ts\":1,\"latency\":200}");
        }

        @Test
        void shouldTreatMalformedJsonAsText() {
            assertThat(Fingerprinter.template("{\"msg\": unterminated 42}")).contains("unterminated");
        }
    }

    @Nested
    class MultiLineEvents {

        private static final String JAVA_TRACE = """
            Exception in thread "main" java.lang.IllegalStateException: Order 42 could not be saved
            \tat com.example.orders.OrderService.save(OrderService.java:%d)
            \tat com.example.orders.OrderController.post(OrderController.java:%d)
            Caused by: %s: disk full
            \tat com.example.storage.Disk.write(Disk.java:%d)
            \t... 12 more
            """;

        private static String javaTrace(int a, int b, String cause, int c) {
            return JAVA_TRACE.formatted(a, b, cause, c);
        }

        @Test
        void shouldGroupTheSameJavaCrashAtDifferentLineNumbers() {
            assertSame(javaTrace(57, 120, "java.io.IOException", 88), javaTrace(61, 131, "java.io.IOException", 90));
        }

        @Test
        void shouldSeparateJavaCrashesWithDifferentRootCauses() {
            assertDifferent(javaTrace(57, 120, "java.io.IOException", 88),
                javaTrace(57, 120, "java.nio.file.AccessDeniedException", 88));
        }

        @Test
        void shouldSeparateJavaCrashesAtDifferentSites() {
            String other = javaTrace(57, 120, "java.io.IOException", 88).replace("Disk.write", "Disk.flush");
            assertDifferent(javaTrace(57, 120, "java.io.IOException", 88), other);
        }

        @Test
        void shouldDescribeAJavaCrashByFirstLineRootCauseAndCrashSite() {
            assertThat(Fingerprinter.template(javaTrace(57, 120, "java.io.IOException", 88))).isEqualTo("""
                Exception in thread <*> java.lang.IllegalStateException: Order <*> could not be saved
                java.io.IOException
                com.example.storage.Disk.write""");
        }

        @Test
        void shouldTakeTheExceptionAfterALogLine() {
            String trace = "ERROR [main] c.e.Worker - job %d failed\njava.lang.%s: boom\n\tat c.e.Worker.run(Worker.java:%d)";
            assertSame(trace.formatted(1, "IllegalStateException", 10), trace.formatted(2, "IllegalStateException", 12));
            assertDifferent(trace.formatted(1, "IllegalStateException", 10), trace.formatted(1, "NullPointerException", 10));
        }

        @Test
        void shouldGroupPythonTracebacksByFinalExceptionAndCrashSite() {
            String trace = """
                Traceback (most recent call last):
                  File "/app/handler.py", line %d, in handle
                    process(event)
                  File "/app/process.py", line %d, in process
                    return event["%s"]
                %s: '%s'
                """;
            assertSame(trace.formatted(12, 40, "id", "KeyError", "id"), trace.formatted(14, 44, "uid", "KeyError", "uid"));
            assertDifferent(trace.formatted(12, 40, "id", "KeyError", "id"), trace.formatted(12, 40, "id", "TypeError", "id"));
            assertDifferent(trace.formatted(12, 40, "id", "KeyError", "id"),
                trace.formatted(12, 40, "id", "KeyError", "id").replace("in process", "in validate"));
        }

        @Test
        void shouldGroupGoPanicsAcrossGoroutinesAndAddresses() {
            String panic = """
                panic: runtime error: invalid memory address or nil pointer dereference
                [signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=%s]

                goroutine %d [running]:
                main.(*Server).%s(0x0, 0x%s)
                \t/app/server.go:%d +0x26
                main.main()
                \t/app/main.go:10 +0x25
                """;
            assertSame(panic.formatted("0x48f5a6", 1, "handle", "c000010000", 42),
                panic.formatted("0x49aa01", 77, "handle", "c0000aa000", 45));
            assertDifferent(panic.formatted("0x48f5a6", 1, "handle", "c000010000", 42),
                panic.formatted("0x48f5a6", 1, "close", "c000010000", 42));
        }

        @Test
        void shouldTemplateOtherMultiLineEventsLineByLine() {
            assertSame("config:\n  port: 8080\n  host: a.example.com", "config:\n  port: 9090\n  host: b.example.com");
            assertDifferent("config:\n  port: 8080", "config:\n  timeout: 8080");
        }
    }

    @Nested
    class HostileInput {

        private static final int EVENT_LIMIT = 256 * 1024;

        @Test
        void shouldStayLinearOnUnmatchedQuotesAndBrackets() {
            // Quadratic scanning of these would take many minutes at CloudWatch's largest event size; linear takes
            // well under a second, so a generous bound stays true on a loaded machine.
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                for (String unit : new String[] {" 'a", " \"a", " k=(a", "{\"", " msg=\"a"}) {
                    String message = unit.repeat(EVENT_LIMIT / unit.length());
                    assertThat(Fingerprinter.fingerprint(message)).hasSize(16);
                }
            });
        }

        @Test
        void shouldNotRecurseWithTheNesting() {
            String nestedKeys = "msg=".repeat(EVENT_LIMIT / 4);
            String nestedQuotes = "msg=\"".repeat(EVENT_LIMIT / 5);
            String nestedJson = "{\"msg\":".repeat(EVENT_LIMIT / 8) + "1" + "}".repeat(EVENT_LIMIT / 8);

            assertThat(Fingerprinter.template(nestedKeys)).startsWith("msg=");
            assertThat(Fingerprinter.template(nestedQuotes)).startsWith("msg=");
            assertThat(Fingerprinter.template(nestedJson)).isEqualTo("msg= msg= msg=<*>");
        }
    }
}
