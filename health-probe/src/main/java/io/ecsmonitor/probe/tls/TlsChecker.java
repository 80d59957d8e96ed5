package io.ecsmonitor.probe.tls;

import io.ecsmonitor.core.model.HealthReport.Finding;
import io.ecsmonitor.core.model.HealthReport.Severity;
import io.ecsmonitor.core.model.HealthReport.TlsCheck;
import io.ecsmonitor.probe.Findings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Checks the certificate a host serves: days until expiry, whether its subject or a SAN matches the
 * host, its issuer, and whether the chain validates against a trust store (the JVM's by default). The
 * handshake itself accepts any certificate, so an expired or untrusted one is still read and described.
 */
public final class TlsChecker {

    /**
     * One check's outcome with the reason the chain did not validate, which the report record has no
     * field for and which goes into the finding.
     *
     * @param check       the check
     * @param chainError  why the chain did not validate, or null
     */
    public record Result(TlsCheck check, String chainError) {
    }

    private static final long DAY_MS = Duration.ofDays(1).toMillis();

    private final X509TrustManager trust;
    private final Duration timeout;
    private final Clock clock;

    /** A checker that validates chains against the JVM's default trust store. */
    public TlsChecker(Duration timeout, Clock clock) {
        this(defaultTrust(), timeout, clock);
    }

    /** A checker that validates chains with {@code trust}. */
    public TlsChecker(X509TrustManager trust, Duration timeout, Clock clock) {
        this.trust = trust;
        this.timeout = timeout;
        this.clock = clock;
    }

    /** The JVM's default trust manager. */
    public static X509TrustManager defaultTrust() {
        try {
            TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            f.init((KeyStore) null);
            for (TrustManager tm : f.getTrustManagers()) {
                if (tm instanceof X509TrustManager x) {
                    return x;
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no default trust manager", e);
        }
        throw new IllegalStateException("no default X509 trust manager");
    }

    /** Connects to {@code host:port} and checks what it serves. Never throws. */
    public Result check(String host, int port) {
        AtomicReference<X509Certificate[]> served = new AtomicReference<>();
        AtomicReference<String> authType = new AtomicReference<>();
        X509TrustManager capture = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String type) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String type) {
                served.set(chain);
                authType.set(type);
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {capture}, null);
            try (SSLSocket socket = (SSLSocket) ctx.getSocketFactory().createSocket()) {
                socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
                socket.setSoTimeout((int) timeout.toMillis());
                if (!isIpAddress(host)) {
                    SSLParameters p = socket.getSSLParameters();
                    p.setServerNames(List.of(new SNIHostName(host)));
                    socket.setSSLParameters(p);
                }
                socket.startHandshake();
            }
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            if (served.get() == null) {
                return new Result(new TlsCheck(host, port, 0, 0, null, null, false, false,
                        e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())), null);
            }
        }
        X509Certificate[] chain = served.get();
        if (chain == null || chain.length == 0) {
            return new Result(new TlsCheck(host, port, 0, 0, null, null, false, false, "no certificate served"), null);
        }
        X509Certificate leaf = chain[0];
        long notAfter = leaf.getNotAfter().getTime();
        long daysLeft = Math.floorDiv(notAfter - clock.millis(), DAY_MS);
        String chainError = null;
        try {
            leaf.checkValidity(new java.util.Date(clock.millis()));
            trust.checkServerTrusted(chain, authType.get() == null ? "UNKNOWN" : authType.get());
        } catch (CertificateExpiredException e) {
            chainError = "certificate expired on " + leaf.getNotAfter().toInstant();
        } catch (CertificateNotYetValidException e) {
            chainError = "certificate not valid before " + leaf.getNotBefore().toInstant();
        } catch (GeneralSecurityException | RuntimeException e) {
            chainError = rootMessage(e);
        }
        TlsCheck check = new TlsCheck(host, port, daysLeft, notAfter, leaf.getSubjectX500Principal().getName(),
                leaf.getIssuerX500Principal().getName(), matches(host, leaf), chainError == null, null);
        return new Result(check, chainError);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** True when a DNS SAN (wildcards in the left-most label only), an IP SAN or, without DNS SANs, the CN matches {@code host}. */
    public static boolean matches(String host, X509Certificate cert) {
        String h = host.toLowerCase(Locale.ROOT);
        boolean ip = isIpAddress(host);
        List<String> dnsNames = new ArrayList<>();
        try {
            Collection<List<?>> sans = cert.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    int type = (Integer) san.get(0);
                    String value = String.valueOf(san.get(1));
                    if (type == 2) {
                        dnsNames.add(value.toLowerCase(Locale.ROOT));
                    } else if (type == 7 && ip && sameAddress(host, value)) {
                        return true;
                    }
                }
            }
        } catch (CertificateParsingException e) {
            return false;
        }
        if (ip) {
            return false;
        }
        if (dnsNames.isEmpty()) {
            String cn = commonName(cert);
            return cn != null && nameMatches(h, cn.toLowerCase(Locale.ROOT));
        }
        return dnsNames.stream().anyMatch(n -> nameMatches(h, n));
    }

    private static boolean nameMatches(String host, String pattern) {
        if (pattern.startsWith("*.")) {
            int dot = host.indexOf('.');
            return dot > 0 && host.substring(dot).equals(pattern.substring(1));
        }
        return host.equals(pattern);
    }

    private static String commonName(X509Certificate cert) {
        try {
            for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
                if ("CN".equalsIgnoreCase(rdn.getType())) {
                    return String.valueOf(rdn.getValue());
                }
            }
        } catch (javax.naming.InvalidNameException e) {
            return null;
        }
        return null;
    }

    private static boolean isIpAddress(String host) {
        return host.matches("[0-9.]+") || host.contains(":");
    }

    private static boolean sameAddress(String a, String b) {
        try {
            return InetAddress.getByName(a).equals(InetAddress.getByName(b));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The findings of one check: {@code tls_unreachable}, {@code tls_expired}, {@code tls_host_mismatch},
     * {@code tls_invalid} (chain), and {@code tls_expiring} as a warning under {@code warningDays} and
     * critical under {@code criticalDays}.
     */
    public static List<Finding> findings(Result r, int warningDays, int criticalDays) {
        TlsCheck c = r.check();
        String where = c.host() + ":" + c.port();
        List<Finding> out = new ArrayList<>();
        if (c.error() != null) {
            out.add(Findings.of(Severity.CRITICAL, "tls_unreachable", "No certificate could be read from " + where + ": " + c.error(),
                    "host", c.host(), "port", c.port(), "error", c.error()));
            return out;
        }
        boolean expired = c.daysLeft() < 0 || r.chainError() != null && r.chainError().startsWith("certificate expired");
        if (expired) {
            out.add(Findings.of(Severity.CRITICAL, "tls_expired", "The certificate of " + where + " expired "
                    + (-c.daysLeft()) + " day(s) ago", "host", c.host(), "daysLeft", c.daysLeft(), "notAfter",
                    java.time.Instant.ofEpochMilli(c.notAfter()), "subject", c.subject()));
        } else if (c.daysLeft() < criticalDays) {
            out.add(Findings.of(Severity.CRITICAL, "tls_expiring", "The certificate of " + where + " expires in " + c.daysLeft()
                    + " day(s)", "host", c.host(), "daysLeft", c.daysLeft(), "notAfter", java.time.Instant.ofEpochMilli(c.notAfter())));
        } else if (c.daysLeft() < warningDays) {
            out.add(Findings.of(Severity.WARNING, "tls_expiring", "The certificate of " + where + " expires in " + c.daysLeft()
                    + " day(s)", "host", c.host(), "daysLeft", c.daysLeft(), "notAfter", java.time.Instant.ofEpochMilli(c.notAfter())));
        }
        if (!c.hostMatches()) {
            out.add(Findings.of(Severity.CRITICAL, "tls_host_mismatch", "The certificate of " + where + " is not for "
                    + c.host() + " (subject " + c.subject() + ")", "host", c.host(), "subject", c.subject()));
        }
        if (!c.chainValid() && !expired) {
            out.add(Findings.of(Severity.CRITICAL, "tls_invalid", "The certificate chain of " + where + " does not validate: "
                    + r.chainError(), "host", c.host(), "issuer", c.issuer(), "error", r.chainError()));
        }
        return out;
    }
}
