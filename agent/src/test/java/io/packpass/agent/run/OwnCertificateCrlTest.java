package io.packpass.agent.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.packpass.agent.TestClock;
import io.packpass.agent.identity.DeviceIdentity;
import io.packpass.agent.identity.IdentityException;
import io.packpass.core.pki.ReloadingTrust;
import io.packpass.core.pki.TrustStore;
import io.packpass.provisioning.ca.CertificateText;
import io.packpass.provisioning.ca.RevocationReason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's check of its own certificate: a lapsed CRL at start, expiry and an unreadable new CRL mid-run. */
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

  @Test
  void a_device_certificate_past_its_end_gives_a_reason_not_to_sign_naming_the_date() throws Exception {
    TestBundle bundle = new TestBundle(dir, "sim-lmt");
    DeviceIdentity identity = load(bundle);
    Instant end = bundle.device.certificate().getNotAfter().toInstant();

    assertThat(identity.whyNotSign(identity.trust(), end)).isEmpty();
    assertThat(identity.whyNotSign(identity.trust(), end.plusSeconds(1))).hasValueSatisfying(why ->
        assertThat(why).contains("expired at " + end));
  }

  @Test
  void a_crl_that_cannot_be_read_mid_run_leaves_the_one_loaded_before_in_force() throws Exception {
    TestBundle bundle = new TestBundle(dir, "sim-lmt");
    bundle.ca.revoke(bundle.device.entry().serial(), RevocationReason.KEY_COMPROMISE);
    Files.writeString(dir.resolve("crl.pem"), CertificateText.pem(bundle.ca.crl(TestBundle.untilAYearFromNow())));
    TestClock clock = new TestClock(MONTHS_LATER);
    TrustStore loaded = TrustStore.load(dir.resolve("root.pem"), Optional.of(dir.resolve("crl.pem")));
    ReloadingTrust trust = new ReloadingTrust(dir.resolve("crl.pem"), loaded,
        ReloadingTrust.DEFAULT_EVERY, clock::nanos);

    Files.writeString(dir.resolve("crl.pem"), "-----BEGIN X509 CRL-----\nhalf a copy"); // an interrupted copy
    clock.advance(ReloadingTrust.DEFAULT_EVERY);

    assertThat(trust.get()).isSameAs(loaded);
    assertThat(trust.get().revocation(bundle.device.certificate())).isPresent();
  }

  private static DeviceIdentity load(TestBundle bundle) {
    return DeviceIdentity.load(bundle.dir.resolve("device.key"), bundle.dir.resolve("device.pem"),
        bundle.dir.resolve("root.pem"), Optional.of(bundle.dir.resolve("crl.pem")), bundle.passport, MONTHS_LATER);
  }
}
