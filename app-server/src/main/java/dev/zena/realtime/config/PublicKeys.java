package dev.zena.realtime.config;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** Checks that the RS256 verification key is an RSA public key in X.509 PEM form, so {@code serve} fails early. */
final class PublicKeys {

    private static final String BEGIN = "-----BEGIN PUBLIC KEY-----";
    private static final String END = "-----END PUBLIC KEY-----";

    private PublicKeys() {}

    /** Called by {@link ConfigLoader#requireVerificationKey} when the algorithm is RS256. */
    static void requireRsa(String pem) throws ConfigException {
        Setting s = Settings.JWT_PUBLIC_KEY;
        if (pem == null || pem.isBlank()) {
            throw ConfigException.of(
                    s,
                    "serve needs an RSA public key to verify RS256 tokens and none is set; set " + s.envName()
                            + " or jwt.public_key to PEM text or the path of a PEM file");
        }
        int begin = pem.indexOf(BEGIN);
        int end = pem.indexOf(END);
        if (begin < 0 || end < begin) {
            throw ConfigException.of(s, "must be a PEM '" + BEGIN + "' block (X.509 SubjectPublicKeyInfo)");
        }
        String body = pem.substring(begin + BEGIN.length(), end).replaceAll("\\s", "");
        try {
            KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(body)));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw ConfigException.of(s, "is not a readable RSA public key: " + e.getMessage());
        }
    }
}
