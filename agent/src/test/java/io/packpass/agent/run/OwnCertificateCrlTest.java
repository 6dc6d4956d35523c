package io.packpass.agent.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.packpass.agent.identity.DeviceIdentity;
import io.packpass.agent.identity.IdentityException;
import io.packpass.provisioning.ca.CertificateText;
import io.packpass.provisioning.ca.RevocationReason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's check of its own certificate when the CRL it was given has lapsed. */
class OwnCertificateCrlTest {
  static final Instant MONTHS_LATER = Instant.parse("2026-03-02T06:00:00Z");

  @TempDir
  Path dir;

  @Test
  void an_agent_whose_crl_lapsed_still_starts_when_that_crl_does_not_list_it() throws Exception {
    TestBundle bundle = new TestBundle(dir, "sim-lmt");
    // a weekly CRL from the CA's first day, never refreshed on the pack
    Files.writeString(dir.resolve("crl.pem"), CertificateText.pem(bundle.ca.crl(Duration.ofDays(7))));

    DeviceIdentity identity = load(bundle);

    assertThat(identity.chain().get(0)).isEqualTo(bundle.device.certificate());
  }

  @Test
  void a_lapsed_crl_that_lists_the_device_certificate_still_stops_the_agent() throws Exception {
    TestBundle bundle = new TestBundle(dir, "sim-lmt");
    bundle.ca.revoke(bundle.device.entry().serial(), RevocationReason.KEY_COMPROMISE);
    Files.writeString(dir.resolve("crl.pem"), CertificateText.pem(bundle.ca.crl(Duration.ofDays(7))));

    assertThatThrownBy(() -> load(bundle)).isInstanceOf(IdentityException.class)
        .hasMessageContaining("the device certificate is revoked")
        .hasMessageContaining("out of date since 2025-12-08T00:00:00Z");
  }

  private static DeviceIdentity load(TestBundle bundle) {
    return DeviceIdentity.load(bundle.dir.resolve("device.key"), bundle.dir.resolve("device.pem"),
        bundle.dir.resolve("root.pem"), Optional.of(bundle.dir.resolve("crl.pem")), bundle.passport, MONTHS_LATER);
  }
}
