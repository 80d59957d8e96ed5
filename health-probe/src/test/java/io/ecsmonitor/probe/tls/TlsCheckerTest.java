package io.ecsmonitor.probe.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecsmonitor.core.model.HealthReport.Finding;
import io.ecsmonitor.core.model.HealthReport.Severity;
import io.ecsmonitor.core.model.HealthReport.TlsCheck;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TlsCheckerTest {

    private static TestCertificates.Ca ca;
    private static TlsChecker checker;

    @BeforeAll
    static void makeCa() {
        ca = TestCertificates.ca("ecs-monitor test CA");
        checker = new TlsChecker(TestCertificates.trusting(ca), Duration.ofSeconds(5), Clock.systemUTC());
    }

    private static TlsChecker.Result serve(TestCertificates.Leaf leaf, TlsChecker with) {
        try (HttpsTestServer server = new HttpsTestServer(leaf)) {
            return with.check("localhost", server.port());
        }
    }

    private static List<Finding> findings(TlsChecker.Result r) {
        return TlsChecker.findings(r, 14, 3);
    }

    @Test
    void shouldPassACertificateValidFor90DaysForTheHost() {
        TlsChecker.Result r = serve(TestCertificates.leaf(ca, "localhost", Duration.ofDays(90).plusHours(1)), checker);
        TlsCheck c = r.check();
        assertThat(c.error()).isNull();
        assertThat(c.daysLeft()).isEqualTo(90);
        assertThat(c.hostMatches()).isTrue();
        assertThat(c.chainValid()).isTrue();
        assertThat(c.subject()).isEqualTo("CN=localhost");
        assertThat(c.issuer()).contains("CN=ecs-monitor test CA");
        assertThat(findings(r)).isEmpty();
    }

    @Test
    void shouldWarnWhenFiveDaysAreLeft() {
        TlsChecker.Result r = serve(TestCertificates.leaf(ca, "localhost", Duration.ofDays(5).plusHours(1)), checker);
        assertThat(r.check().daysLeft()).isEqualTo(5);
        assertThat(r.check().chainValid()).isTrue();
        assertThat(findings(r)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.code()).isEqualTo("tls_expiring");
            assertThat(f.evidence()).containsEntry("daysLeft", "5");
        });
    }

    @Test
    void shouldBeCriticalUnderThreeDays() {
        TlsChecker.Result r = serve(TestCertificates.leaf(ca, "localhost", Duration.ofDays(2).plusHours(1)), checker);
        assertThat(findings(r)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.code()).isEqualTo("tls_expiring");
        });
    }

    @Test
    void shouldBeCriticalWhenExpired() {
        TlsChecker.Result r = serve(TestCertificates.leaf(ca, "localhost", Duration.ofDays(-3)), checker);
        assertThat(r.check().daysLeft()).isNegative();
        assertThat(r.check().chainValid()).isFalse();
        assertThat(findings(r)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.code()).isEqualTo("tls_expired");
        });
    }

    @Test
    void shouldFlagACertificateForAnotherHost() {
        TlsChecker.Result r = serve(TestCertificates.leaf(ca, "wrong.example.org", Duration.ofDays(90)), checker);
        assertThat(r.check().hostMatches()).isFalse();
        assertThat(r.check().subject()).isEqualTo("CN=wrong.example.org");
        assertThat(findings(r)).extracting(Finding::code).containsExactly("tls_host_mismatch");
        assertThat(findings(r).get(0).severity()).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void shouldFlagAChainTheTrustStoreDoesNotValidate() {
        TestCertificates.Ca stranger = TestCertificates.ca("unknown CA");
        TlsChecker.Result r = serve(TestCertificates.leaf(stranger, "localhost", Duration.ofDays(90)), checker);
        assertThat(r.check().chainValid()).isFalse();
        assertThat(r.check().issuer()).contains("unknown CA");
        assertThat(findings(r)).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("tls_invalid");
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.evidence()).containsKey("error");
        });
    }

    @Test
    void shouldNotTrustTestCertificatesWithTheJvmTrustStore() {
        TlsChecker.Result r = serve(TestCertificates.leaf(ca, "localhost", Duration.ofDays(90)),
                new TlsChecker(Duration.ofSeconds(5), Clock.systemUTC()));
        assertThat(r.check().chainValid()).isFalse();
        assertThat(r.check().hostMatches()).isTrue();
    }

    @Test
    void shouldReportAnUnreachableHost() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        TlsChecker.Result r = checker.check("localhost", port);
        assertThat(r.check().error()).isNotNull();
        assertThat(findings(r)).extracting(Finding::code).containsExactly("tls_unreachable");
    }
}
