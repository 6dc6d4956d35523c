package io.packpass.agent.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.packpass.core.cose.CoseAlgorithm;
import io.packpass.core.cose.SoftwareSigner;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class IdentityTest {
  @TempDir
  Path dir;

  @ParameterizedTest
  @EnumSource(value = CoseAlgorithm.class, names = {"EDDSA", "ES256"})
  void a_created_key_is_owner_only_and_loads_back_to_the_same_key(CoseAlgorithm algorithm) throws Exception {
    SoftwareSigner key = SoftwareSigner.generate(algorithm, new SecureRandom());
    Path file = dir.resolve("device.key");

    PrivateKeyFile.create(file, key);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(Files.readString(file)).startsWith("-----BEGIN PRIVATE KEY-----");
    SoftwareSigner loaded = PrivateKeyFile.load(file);
    assertThat(loaded.keyId()).isEqualTo(key.keyId());
    assertThat(loaded.algorithm()).isEqualTo(algorithm);
  }

  @Test
  void an_existing_key_is_never_overwritten() throws Exception {
    Path file = dir.resolve("device.key");
    PrivateKeyFile.create(file, SoftwareSigner.generate(CoseAlgorithm.EDDSA, new SecureRandom()));
    String before = Files.readString(file);

    assertThatThrownBy(() -> PrivateKeyFile.create(file, SoftwareSigner.generate(CoseAlgorithm.EDDSA, new SecureRandom())))
        .isInstanceOf(IdentityException.class).hasMessageContaining("already exists");
    assertThat(Files.readString(file)).isEqualTo(before);
  }

  @Test
  void a_key_others_can_read_is_refused_with_the_fix() throws Exception {
    Path file = dir.resolve("device.key");
    PrivateKeyFile.create(file, SoftwareSigner.generate(CoseAlgorithm.EDDSA, new SecureRandom()));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    assertThatThrownBy(() -> PrivateKeyFile.load(file)).isInstanceOf(IdentityException.class)
        .hasMessage(file + " is accessible by others (rw-r--r--): a private key must be readable by its owner only;"
            + " run: chmod 600 " + file);
  }

  @Test
  void wrong_or_missing_files_say_what_they_are() throws Exception {
    assertThatThrownBy(() -> PrivateKeyFile.load(dir.resolve("none.key"))).hasMessageContaining("no such file")
        .hasMessageContaining("keygen");
    Path cert = Files.writeString(dir.resolve("cert.pem"), "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
    Files.setPosixFilePermissions(cert, PosixFilePermissions.fromString("rw-------"));
    assertThatThrownBy(() -> PrivateKeyFile.load(cert)).hasMessageContaining("expected a PEM 'PRIVATE KEY' block");
    Path big = Files.write(dir.resolve("big.key"), new byte[PrivateKeyFile.MAX_BYTES + 1]);
    Files.setPosixFilePermissions(big, PosixFilePermissions.fromString("rw-------"));
    assertThatThrownBy(() -> PrivateKeyFile.load(big)).hasMessageContaining("larger than");
  }

  @ParameterizedTest
  @EnumSource(value = CoseAlgorithm.class, names = {"EDDSA", "ES256"})
  void the_csr_carries_the_device_key_and_a_valid_signature(CoseAlgorithm algorithm) throws Exception {
    SoftwareSigner key = SoftwareSigner.generate(algorithm, new SecureRandom());

    String pem = DeviceCsr.create(key, "packpass-device-test");

    PKCS10CertificationRequest csr;
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      csr = (PKCS10CertificationRequest) parser.readObject();
    }
    assertThat(csr.getSubject().toString()).isEqualTo("CN=packpass-device-test");
    assertThat(csr.getSubjectPublicKeyInfo().getEncoded()).isEqualTo(key.verificationKey().subjectPublicKeyInfo());
    assertThat(csr.isSignatureValid(new JcaContentVerifierProviderBuilder()
        .setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider())
        .build(csr.getSubjectPublicKeyInfo()))).isTrue();
    assertThat(pem.getBytes(StandardCharsets.US_ASCII)).hasSizeLessThan(1024);
  }
}
