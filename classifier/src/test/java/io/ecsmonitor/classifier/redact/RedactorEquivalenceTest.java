package io.ecsmonitor.classifier.redact;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecsmonitor.classifier.EquivalenceLines;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Redactor} gives what {@link LegacyRedactor}, the version before its trigger prefilter, gave. */
class RedactorEquivalenceTest {

    /** Secrets and near misses, spliced into the lines. */
    private static final String[] SECRETS = {
        "password=hunter2", "\"db_password\": \"s3cr3t\"", "postgres://app:pa:ss@db:5432/x", "https://host/x://y",
        "Authorization: Bearer abcdefghijklmnop", "authorization=Basic dXNlcjpwYXNz", "AKIAABCDEFGHIJKLMNOP",
        "ASIAABCDEFGHIJKLMNOP", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig", "aws_secret_access_key = "
            + "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----",
        "api_key: abc123", "X-Api-Key=zzz", "token: str", "ExpiredToken: The security token", "pwd='x'",
        "passphrase=\"cut", "\u001a//user:pw@host", "SECRET=1", "PaSsWoRd: yes", "a://b", "@", "://",
        // key names that match only under Unicode case folding (long s, dotless i, Kelvin sign), after a trigger
        "token=1 \u017fecret=abc", "password=x ap\u0131_key=zzz", "secret: api_\u212aey=zzz", "pw", "to"
    };

    @Test
    void shouldRedactEveryLineAsTheOldScanDid() {
        List<String> lines = new ArrayList<>(EquivalenceLines.all());
        Random random = new Random(11);
        int base = lines.size();
        for (int k = 0; k < 20_000; k++) {
            String line = lines.get(random.nextInt(base));
            int at = random.nextInt(line.length() + 1);
            String secret = SECRETS[random.nextInt(SECRETS.length)];
            lines.add(line.substring(0, at) + (random.nextBoolean() ? secret : secret.toUpperCase()) + line.substring(at));
        }
        int masked = 0;
        for (String line : lines) {
            assertThat(Redactor.triggers(line)).as(line).isEqualTo(LegacyRedactor.triggers(line));
            String redacted = Redactor.redact(line);
            assertThat(redacted).as(line).isEqualTo(LegacyRedactor.redact(line));
            masked += redacted.equals(line) ? 0 : 1;
        }
        assertThat(masked).as("lines with something masked").isGreaterThan(10_000);
        for (String secret : SECRETS) {
            assertThat(Redactor.redact(secret)).as(secret).isEqualTo(LegacyRedactor.redact(secret));
        }
    }
}
