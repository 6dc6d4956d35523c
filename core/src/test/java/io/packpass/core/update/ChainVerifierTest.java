package io.packpass.core.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.packpass.core.cose.CoseAlgorithm;
import io.packpass.core.cose.SoftwareSigner;
import io.packpass.core.id.PassportId;
import io.packpass.core.passport.BatteryStatus;
import io.packpass.core.passport.EventType;
import io.packpass.core.passport.NegativeEvent;
import io.packpass.core.passport.Passport;
import io.packpass.core.passport.Quantity;
import io.packpass.core.passport.StatusRecord;
import io.packpass.core.sample.SamplePassports;
import io.packpass.core.update.Verdict.Outcome;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChainVerifierTest {
  private static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");
  private static final Instant NOW = Instant.parse("2026-11-25T00:00:00Z");
  private static final PassportId ID = SamplePassports.evId();

  private final SoftwareSigner manufacturer = SoftwareSigner.ed25519(seed(1));
  private final SoftwareSigner device = SoftwareSigner.ed25519(seed(2));
  private final SoftwareSigner stranger = SoftwareSigner.ed25519(seed(3));
  private final KeyDirectory keys = new KeyDirectory()
      .manufacturer(manufacturer.verificationKey())
      .device(device.verificationKey(), ID);
  private final ChainVerifier verifier = new ChainVerifier(keys, Clock.fixed(NOW, ZoneOffset.UTC));
  private UpdateChain chain;
  private SignedUpdate birth;

  @BeforeEach
  void born() {
    chain = new UpdateChain(verifier);
    birth = SignedUpdate.sign(manufacturer, new UpdatePayload(ID, 0, UpdatePayload.genesis(), T0, UpdateKind.BIRTH,
        UpdateBody.birth(SamplePassports.evModel(), SamplePassports.evItem(), List.of()), Optional.empty()));
    assertThat(chain.offer(birth).outcome()).isEqualTo(Outcome.ACCEPTED);
  }

  private SignedUpdate reading(SoftwareSigner signer, long seq, byte[] prev, Instant time, long soh, long cycles) {
    return SignedUpdate.sign(signer, new UpdatePayload(ID, seq, prev, time, UpdateKind.READING,
        UpdateBody.reading(SamplePassports.evReading(time, soh, cycles)), Optional.empty()));
  }

  private SignedUpdate next(long soh, long cycles, Instant time) {
    long seq = chain.headSeq() + 1;
    return reading(device, seq, chain.hashAt(seq - 1).orElseThrow(), time, soh, cycles);
  }

  @Test
  void accepts_a_birth_record_and_readings_in_order_and_folds_them_into_the_passport() {
    Verdict first = chain.offer(next(9_800, 20, T0.plusSeconds(86_400)));
    Verdict second = chain.offer(next(9_750, 30, T0.plusSeconds(2 * 86_400)));

    assertThat(first.outcome()).isEqualTo(Outcome.ACCEPTED);
    assertThat(second.outcome()).isEqualTo(Outcome.ACCEPTED);
    Passport passport = chain.passport().orElseThrow();
    assertThat(passport.condition().orElseThrow().get(Quantity.STATE_OF_HEALTH).orElseThrow().value()).isEqualTo(9_750);
    assertThat(passport.status().orElseThrow().status()).isEqualTo(BatteryStatus.ORIGINAL);
    assertThat(passport.lastUpdate()).hasValue(T0.plusSeconds(2 * 86_400));
    assertThat(chain.since(1)).hasSize(2);
  }

  @Test
  void reports_an_identical_update_as_duplicate() {
    SignedUpdate update = next(9_800, 20, T0.plusSeconds(60));
    chain.offer(update);
    Verdict again = chain.offer(SignedUpdate.parse(update.encoded()));
    assertThat(again.outcome()).isEqualTo(Outcome.DUPLICATE);
    assertThat(chain.headSeq()).isEqualTo(1);
  }

  @Test
  void reports_a_gap_in_seq() {
    SignedUpdate skipped = reading(device, 2, new byte[32], T0.plusSeconds(60), 9_800, 20);
    Verdict verdict = chain.offer(skipped);
    assertThat(verdict.outcome()).isEqualTo(Outcome.GAP);
    assertThat(verdict.reason()).contains("expected seq 1, got 2");
  }

  @Test
  void reports_a_fork_when_the_same_seq_arrives_with_other_content() {
    SignedUpdate one = next(9_800, 20, T0.plusSeconds(60));
    SignedUpdate other = reading(device, 1, birth.hash(), T0.plusSeconds(61), 9_790, 21);
    chain.offer(one);
    Verdict verdict = chain.offer(other);
    assertThat(verdict.outcome()).isEqualTo(Outcome.FORK);
    assertThat(chain.forks()).hasSize(1);
  }

  @Test
  void reports_a_fork_when_prev_does_not_chain_to_the_head() {
    Verdict verdict = chain.offer(reading(device, 1, new byte[32], T0.plusSeconds(60), 9_800, 20));
    assertThat(verdict.outcome()).isEqualTo(Outcome.FORK);
    assertThat(verdict.reason()).contains("does not match the hash of seq 0");
  }

  @Test
  void reports_a_rollback_when_time_goes_backwards() {
    chain.offer(next(9_800, 20, T0.plusSeconds(3_600)));
    Verdict verdict = chain.offer(next(9_790, 21, T0.plusSeconds(60)));
    assertThat(verdict.outcome()).isEqualTo(Outcome.ROLLBACK);
    assertThat(verdict.reason()).contains("earlier than the previous update");
  }

  @Test
  void reports_a_rollback_when_a_monotonic_counter_goes_down() {
    chain.offer(next(9_800, 40, T0.plusSeconds(60)));
    Verdict verdict = chain.offer(next(9_790, 30, T0.plusSeconds(120)));
    assertThat(verdict.outcome()).isEqualTo(Outcome.ROLLBACK);
    assertThat(verdict.reason()).contains("full equivalent charge-discharge cycles went down from 40.00 cycles to 30.00 cycles");
  }

  @Test
  void reports_a_bad_signature() {
    byte[] bytes = next(9_800, 20, T0.plusSeconds(60)).encoded();
    bytes[bytes.length - 1] ^= 0x01; // last byte of the signature
    Verdict verdict = chain.offer(SignedUpdate.parse(bytes));
    assertThat(verdict.outcome()).isEqualTo(Outcome.BAD_SIGNATURE);
    assertThat(chain.headSeq()).isZero();
  }

  @Test
  void reports_an_unknown_key_and_a_key_used_beyond_its_grant() {
    Verdict stranger1 = chain.offer(reading(stranger, 1, birth.hash(), T0.plusSeconds(60), 9_800, 20));
    assertThat(stranger1.outcome()).isEqualTo(Outcome.UNKNOWN_KEY);
    // The manufacturer key signs birth records, not readings.
    Verdict wrongKind = chain.offer(reading(manufacturer, 1, birth.hash(), T0.plusSeconds(60), 9_800, 20));
    assertThat(wrongKind.outcome()).isEqualTo(Outcome.UNKNOWN_KEY);
  }

  @Test
  void reports_an_update_from_the_future_beyond_the_clock_tolerance() {
    Verdict verdict = chain.offer(next(9_800, 20, NOW.plusSeconds(301)));
    assertThat(verdict.outcome()).isEqualTo(Outcome.CLOCK_OUT_OF_TOLERANCE);
    assertThat(chain.offer(next(9_800, 20, NOW.plusSeconds(299))).outcome()).isEqualTo(Outcome.ACCEPTED);
  }

  @Test
  void reports_an_invalid_body_even_when_signed_and_chained() {
    keys.grant(device.verificationKey(), java.util.EnumSet.allOf(UpdateKind.class), Optional.of(ID));
    StatusRecord repurposed = new StatusRecord(BatteryStatus.REPURPOSED, T0.plusSeconds(60), "Second Life Ltd");
    SignedUpdate noSuccessor = SignedUpdate.sign(device, new UpdatePayload(ID, 1, birth.hash(), T0.plusSeconds(60),
        UpdateKind.STATUS, UpdateBody.status(repurposed, Optional.empty()), Optional.empty()));
    Verdict verdict = chain.offer(noSuccessor);
    assertThat(verdict.outcome()).isEqualTo(Outcome.INVALID);
    assertThat(verdict.reason()).contains("must name the successor");
  }

  @Test
  void folds_events_and_status_changes() {
    keys.grant(device.verificationKey(), java.util.EnumSet.allOf(UpdateKind.class), Optional.of(ID));
    NegativeEvent event = new NegativeEvent(EventType.OVER_TEMPERATURE, T0.plusSeconds(30), Optional.of("63.5 C"));
    chain.offer(SignedUpdate.sign(device, new UpdatePayload(ID, 1, birth.hash(), T0.plusSeconds(60), UpdateKind.EVENT,
        UpdateBody.events(List.of(event)), Optional.empty())));
    chain.offer(SignedUpdate.sign(device, new UpdatePayload(ID, 2, chain.hashAt(1).orElseThrow(), T0.plusSeconds(90),
        UpdateKind.STATUS, UpdateBody.status(new StatusRecord(BatteryStatus.WASTE, T0.plusSeconds(90), "Recycler"),
            Optional.empty()), Optional.empty())));
    Passport passport = chain.passport().orElseThrow();
    assertThat(passport.events()).containsExactly(event);
    assertThat(passport.status().orElseThrow().status()).isEqualTo(BatteryStatus.WASTE);
  }

  @Test
  void rejects_malformed_updates_with_a_typed_error() {
    assertThatThrownBy(() -> SignedUpdate.parse(HexFormat.of().parseHex("d28440a0f640")))
        .isInstanceOf(UpdateFormatException.class)
        .hasMessageContaining("protected header");
    byte[] birthBytes = birth.encoded();
    byte[] truncated = java.util.Arrays.copyOf(birthBytes, birthBytes.length - 1);
    assertThatThrownBy(() -> SignedUpdate.parse(truncated)).isInstanceOf(UpdateFormatException.class);
  }

  @Test
  void signs_with_es256_too() {
    SoftwareSigner p256 = SoftwareSigner.generate(CoseAlgorithm.ES256, new java.security.SecureRandom());
    keys.device(p256.verificationKey(), ID);
    assertThat(chain.offer(reading(p256, 1, birth.hash(), T0.plusSeconds(60), 9_800, 20)).outcome())
        .isEqualTo(Outcome.ACCEPTED);
  }

  static byte[] seed(int n) {
    byte[] seed = new byte[32];
    seed[0] = (byte) n;
    return seed;
  }

}
