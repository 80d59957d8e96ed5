package io.ecsmonitor.probe.tls;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Certificates made in the test: a CA and leaves signed by it, valid for whatever period a test needs. */
public final class TestCertificates {

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    /** A CA key and its self-signed certificate. */
    public record Ca(KeyPair key, X509Certificate cert) {
    }

    /** A server key and its chain, leaf first. */
    public record Leaf(KeyPair key, X509Certificate[] chain) {
    }

    private TestCertificates() {
    }

    public static KeyPair rsa() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048, new SecureRandom());
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static Ca ca(String name) {
        KeyPair key = rsa();
        Instant now = Instant.now();
        try {
            X500Name subject = new X500Name("CN=" + name + ",O=ecs-monitor tests");
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, BigInteger.valueOf(SERIAL.incrementAndGet()),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(3650))), subject, key.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder("SHA256withRSA").build(key.getPrivate())));
            return new Ca(key, cert);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A server certificate for {@code dnsName}, signed by {@code ca}, valid from {@code notBefore} to {@code notAfter}. */
    public static Leaf leaf(Ca ca, String dnsName, Instant notBefore, Instant notAfter) {
        KeyPair key = rsa();
        try {
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(ca.cert(),
                    BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(notBefore), Date.from(notAfter),
                    new X500Name("CN=" + dnsName), key.getPublic());
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.dNSName, dnsName)));
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder("SHA256withRSA").build(ca.key().getPrivate())));
            return new Leaf(key, new X509Certificate[] {cert, ca.cert()});
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A leaf valid from a day ago for {@code validFor} from now (negative: expired that long ago). */
    public static Leaf leaf(Ca ca, String dnsName, Duration validFor) {
        Instant now = Instant.now();
        Instant notAfter = now.plus(validFor);
        Instant notBefore = validFor.isNegative() ? notAfter.minus(Duration.ofDays(90)) : now.minus(Duration.ofDays(1));
        return leaf(ca, dnsName, notBefore, notAfter);
    }

    /** A server TLS context serving {@code leaf}. */
    public static SSLContext serverContext(Leaf leaf) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("server", leaf.key().getPrivate(), "pw".toCharArray(), leaf.chain());
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, "pw".toCharArray());
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A trust manager that trusts {@code ca} only. */
    public static X509TrustManager trusting(Ca ca) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setCertificateEntry("ca", ca.cert());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            return (X509TrustManager) tmf.getTrustManagers()[0];
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client TLS context that trusts {@code ca} only. */
    public static SSLContext clientContext(Ca ca) {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new javax.net.ssl.TrustManager[] {trusting(ca)}, null);
            return ctx;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
