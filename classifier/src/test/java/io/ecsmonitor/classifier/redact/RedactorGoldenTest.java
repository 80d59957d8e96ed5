package io.ecsmonitor.classifier.redact;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecsmonitor.classifier.EquivalenceLines;
import io.ecsmonitor.classifier.GoldenFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Redactor} masks the lines as recorded in {@code src/test/resources/redaction-golden.txt}
 * ({@link GoldenFile}): the equivalence set ({@link EquivalenceLines}) with 20,000 secrets and near misses
 * spliced in, and the secrets alone. The file was written by the redactor of 2026-11-22 before its trigger
 * prefilter; a change of what is masked rewrites it ({@code -Decsmonitor.golden.write=true}).
 */
class RedactorGoldenTest {

    static final Path GOLDEN = Path.of("src/test/resources/redaction-golden.txt");

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
    void shouldRedactEveryLineAsRecordedInTheGoldenFile() throws IOException {
        List<String> lines = new ArrayList<>(EquivalenceLines.all());
        Random random = new Random(11);
        int base = lines.size();
        for (int k = 0; k < 20_000; k++) {
            String line = lines.get(random.nextInt(base));
            int at = random.nextInt(line.length() + 1);
            String secret = SECRETS[random.nextInt(SECRETS.length)];
            lines.add(line.substring(0, at) + (random.nextBoolean() ? secret : secret.toUpperCase()) + line.substring(at));
        }
        lines.addAll(List.of(SECRETS));
        assertThat(lines.stream().filter(l -> !Redactor.redact(l).equals(l)).count()).as("lines with something masked")
                .isGreaterThan(10_000);
        GoldenFile.check(GOLDEN, "redactions", lines, line -> line, RedactorGoldenTest::result,
                line -> "triggers=" + Integer.toBinaryString(Redactor.triggers(line)) + " " + Redactor.redact(line));
    }

    /** The line's triggers (a bit mask) and what it becomes, in one number. */
    private static long result(String line) {
        String redacted = Redactor.redact(line);
        return ((long) redacted.hashCode() << 32) ^ ((long) redacted.length() << 12) ^ Redactor.triggers(line);
    }
}
