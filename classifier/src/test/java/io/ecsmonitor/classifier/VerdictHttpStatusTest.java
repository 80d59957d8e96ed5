package io.ecsmonitor.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecsmonitor.core.model.Category;
import org.junit.jupiter.api.Test;

/** The engine reports the HTTP status of an access record in the same judgement as its category. */
class VerdictHttpStatusTest {

    private final ErrorClassifier classifier = new ErrorClassifier();

    @Test
    void shouldCarryTheStatusOfAPlainAccessLogLine() {
        Verdict v = classifier.classifyErrors(
                "10.0.1.7 - - [02/Jan/2024:03:04:05 +0000] \"GET /api/orders HTTP/1.1\" 502 182 \"-\" \"curl/8.0\"");

        assertThat(v.category()).isEqualTo(Category.HTTP_5XX);
        assertThat(v.httpStatus()).isEqualTo(502);
        assertThat(v.noise()).isFalse();
    }

    @Test
    void shouldCarryTheStatusOfAHealthCheckThatIsNoise() {
        Verdict v = classifier.classifyErrors(
                "10.0.1.7 - - [02/Jan/2024:03:04:05 +0000] \"GET /health HTTP/1.1\" 503 0 \"-\" \"ELB-HealthChecker/2.0\"");

        assertThat(v.noise()).isTrue();
        assertThat(v.category()).isNull();
        assertThat(v.httpStatus()).isEqualTo(503);
    }

    @Test
    void shouldCarryTheStatusOfAStructuredRequestRecordAndOfOneWrappedByTheLogDriver() {
        String record = "{\"level\":\"info\",\"method\":\"POST\",\"path\":\"/pay\",\"status\":201,\"msg\":\"done\"}";

        assertThat(classifier.classify(record).httpStatus()).isEqualTo(201);
        assertThat(classifier.classify(record).category()).isNull();
        assertThat(classifier.classify("{\"log\":\"{\\\"status\\\":504,\\\"method\\\":\\\"GET\\\",\\\"path\\\":\\\"/x\\\"}\"}")
                .httpStatus()).isEqualTo(504);
    }

    @Test
    void shouldReportNoStatusForAnythingElse() {
        assertThat(classifier.classifyErrors("java.lang.OutOfMemoryError: Java heap space").httpStatus()).isZero();
        assertThat(classifier.classifyErrors("level=info msg=\"listening\" port=8080").httpStatus()).isZero();
        assertThat(classifier.classifyErrors("").httpStatus()).isZero();
        // A status outside 100–599 is no status.
        assertThat(classifier.classifyErrors(
                "10.0.1.7 - - [02/Jan/2024:03:04:05 +0000] \"GET /x HTTP/1.1\" 999 0 \"-\" \"curl/8.0\"").httpStatus())
                .isZero();
    }
}
