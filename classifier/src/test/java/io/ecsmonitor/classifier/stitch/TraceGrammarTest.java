package io.ecsmonitor.classifier.stitch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TraceGrammarTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "2024-05-01 12:00:03.120 ERROR 1 --- [main] o.s.boot.SpringApplication : Application run failed",
        "Internal Server Error: /api/orders/42",
        "rake aborted!",
        "fail: Microsoft.AspNetCore.Server.Kestrel[13]",
        "2024/05/01 12:00:05 http: panic serving 10.0.1.7:51234: boom",
        "WARN  c.e.Retry - giving up after 3 attempts",
        "Unexpected result from the inventory service:"})
    void shouldTakeALoggerLineThatAnnouncesAnErrorAsTheHeadOfTheTraceAfterIt(String line) {
        assertThat(TraceGrammar.invitesTrace(line)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "2024-05-01T12:00:00.000Z INFO  [main] c.e.Api - retrying after error",
        "{\"level\":\"info\",\"msg\":\"exception handler registered\"}",
        "2024-05-01T12:00:00.000Z\tinfo\tretry succeeded after failure",
        "info: Microsoft.Hosting.Lifetime[14] Now listening on: http://[::]:8080",
        "10.0.1.12 - - [01/May/2024:12:00:05 +0000] \"GET /api/orders HTTP/1.1\" 200 512",
        "Server started on port 8080"})
    void shouldNotTakeAnOrdinaryOrLowLevelLineAsTheHeadOfATrace(String line) {
        assertThat(TraceGrammar.invitesTrace(line)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "java.lang.IllegalStateException: boom",
        "java.lang.NullPointerException",
        "com.example.Outer$InnerException: nested",
        "TypeError: Cannot read properties of undefined (reading 'id')",
        "Error: connect ECONNREFUSED 10.0.0.5:5432",
        "Unhandled exception. System.InvalidOperationException: Sequence contains no elements",
        "NoMethodError: undefined method `id' for nil:NilClass"})
    void shouldRecogniseExceptionLines(String line) {
        assertThat(TraceGrammar.isExceptionLine(line)).isTrue();
        assertThat(TraceGrammar.openingPhase(line)).isEqualTo(TracePhase.TRACE);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "ERROR: relation \"orders\" does not exist",
        "Exception in thread \"main\" java.lang.IllegalStateException: boom",
        "Error:no-space-after-colon",
        "errors=0 warnings=2",
        "ErrorHandler registered"})
    void shouldNotTakeLevelsOrMentionsForExceptionLines(String line) {
        assertThat(TraceGrammar.isExceptionLine(line)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "KeyError: 'id'",
        "requests.exceptions.ReadTimeout: HTTPSConnectionPool(host='x', port=443): Read timed out.",
        "KeyboardInterrupt",
        "psycopg2.errors.UniqueViolation: duplicate key value violates unique constraint \"orders_pkey\""})
    void shouldRecogniseTheFinalLineOfAPythonTraceback(String line) {
        assertThat(TraceGrammar.continuation(TracePhase.PY_TRACEBACK, false, line)).isEqualTo(TracePhase.PY_EXCEPTION);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "ERROR:root:next request failed",
        "2024-05-01 12:00:00,001 INFO worker started",
        "[2024-05-01 12:00:07,001] INFO in app: ready",
        "{\"level\":\"error\"}"})
    void shouldNotTakeALogRecordForTheFinalLineOfAPythonTraceback(String line) {
        assertThat(TraceGrammar.continuation(TracePhase.PY_TRACEBACK, false, line)).isNull();
    }
}
