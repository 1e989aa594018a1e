package dev.zena.realtime.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JwtKeysTest {

    static final KeyPair RSA = TestTokens.rsaKeyPair();

    @Test
    void readsPemText() {
        assertThat(JwtKeys.publicKey(TestTokens.publicPem(RSA))).isEqualTo(RSA.getPublic());
        assertThat(JwtKeys.privateKey(TestTokens.privatePem(RSA))).isEqualTo(RSA.getPrivate());
    }

    @Test
    void readsPemWithWindowsLineEndsAndSurroundingBlanks() {
        String pem = "\n  " + TestTokens.publicPem(RSA).replace("\n", "\r\n") + "\n\n";

        assertThat(JwtKeys.publicKey(pem)).isEqualTo(RSA.getPublic());
    }

    @Test
    void aValueThatIsNotPemIsAFilePath(@TempDir Path dir) throws Exception {
        Path publicFile = Files.writeString(dir.resolve("jwt.pub.pem"), TestTokens.publicPem(RSA));
        Path privateFile = Files.writeString(dir.resolve("jwt.key.pem"), TestTokens.privatePem(RSA));

        assertThat(JwtKeys.publicKey(publicFile.toString())).isEqualTo(RSA.getPublic());
        assertThat(JwtKeys.privateKey(privateFile.toString())).isEqualTo(RSA.getPrivate());
    }

    @Test
    void aMissingFileIsNamedInTheMessage(@TempDir Path dir) {
        String path = dir.resolve("absent.pem").toString();

        assertThatThrownBy(() -> JwtKeys.publicKey(path))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot read")
                .hasMessageContaining(path);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "''                                                              | not configured",
                "'-----BEGIN RSA PUBLIC KEY-----\nAAAA\n-----END RSA PUBLIC KEY-----' | -----BEGIN PUBLIC KEY-----",
                "'-----BEGIN PUBLIC KEY-----\n!!!notbase64!!!\n-----END PUBLIC KEY-----' | not valid base64",
                "'-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----'   | not a valid RSA key",
                "'-----BEGIN PUBLIC KEY-----\nAAAA'                              | -----END PUBLIC KEY-----"
            })
    void badPublicKeysAreExplained(String value, String message) {
        assertThatThrownBy(() -> JwtKeys.publicKey(value.replace("\\n", "\n")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void aPublicKeyIsNotAcceptedAsAPrivateKey() {
        assertThatThrownBy(() -> JwtKeys.privateKey(TestTokens.publicPem(RSA)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-----BEGIN PRIVATE KEY-----");
    }

    @Test
    void aNonRsaKeyIsRefused() throws Exception {
        var ec = java.security.KeyPairGenerator.getInstance("EC").generateKeyPair();

        assertThatThrownBy(() -> JwtKeys.publicKey(
                        TestTokens.pem("PUBLIC KEY", ec.getPublic().getEncoded())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a valid RSA key");
    }
}
