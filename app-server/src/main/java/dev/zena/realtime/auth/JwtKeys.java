package dev.zena.realtime.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Reads the RSA keys of RS256 configuration; called once when the validator or the issuer is built. A value that
 * starts with {@code -----BEGIN} is PEM text, anything else is the path of a PEM file. Error messages name the
 * problem and, for files, the path, but never the key material.
 */
public final class JwtKeys {

    private static final String PUBLIC_LABEL = "PUBLIC KEY";
    private static final String PRIVATE_LABEL = "PRIVATE KEY";

    private JwtKeys() {}

    /** Parses an X.509 SubjectPublicKeyInfo PEM ({@code -----BEGIN PUBLIC KEY-----}) or reads it from a file. */
    public static RSAPublicKey publicKey(String pemOrPath) {
        byte[] der = der(pemOrPath, PUBLIC_LABEL, "public");
        try {
            return (RSAPublicKey) rsa().generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("JWT public key is not a valid RSA key in X.509 (PUBLIC KEY) form");
        }
    }

    /** Parses a PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}) or reads it from a file. */
    public static RSAPrivateKey privateKey(String pemOrPath) {
        byte[] der = der(pemOrPath, PRIVATE_LABEL, "private");
        try {
            return (RSAPrivateKey) rsa().generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("JWT private key is not a valid RSA key in PKCS#8 (PRIVATE KEY) form");
        }
    }

    private static byte[] der(String pemOrPath, String label, String kind) {
        if (pemOrPath == null || pemOrPath.isBlank()) {
            throw new IllegalArgumentException("JWT " + kind + " key is not configured");
        }
        String text = pemOrPath.strip();
        String pem = text.startsWith("-----BEGIN") ? text : readFile(text, kind);
        return decodePem(pem, label, kind);
    }

    private static String readFile(String path, String kind) {
        try {
            return Files.readString(Path.of(path), StandardCharsets.US_ASCII).strip();
        } catch (IOException | InvalidPathException | SecurityException e) {
            throw new IllegalArgumentException("JWT " + kind + " key: cannot read PEM file '" + path + "' ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private static byte[] decodePem(String pem, String label, String kind) {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int start = pem.indexOf(begin);
        int stop = pem.indexOf(end);
        if (start < 0 || stop < start) {
            throw new IllegalArgumentException("JWT " + kind + " key must be PEM with '" + begin + "' and '" + end
                    + "' (PKCS#1 'RSA " + label + "' can be converted with openssl pkcs8/rsa -pubout)");
        }
        String body = pem.substring(start + begin.length(), stop).replaceAll("\\s", "");
        try {
            return Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("JWT " + kind + " key: the PEM body is not valid base64");
        }
    }

    private static KeyFactory rsa() throws GeneralSecurityException {
        return KeyFactory.getInstance("RSA");
    }
}
