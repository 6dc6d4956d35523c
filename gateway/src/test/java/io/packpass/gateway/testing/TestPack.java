package io.packpass.gateway.testing;

import io.packpass.core.cose.Signer;
import io.packpass.core.cose.SoftwareSigner;
import io.packpass.core.id.PassportId;
import io.packpass.core.passport.EventType;
import io.packpass.core.passport.Item;
import io.packpass.core.passport.Model;
import io.packpass.core.passport.NegativeEvent;
import io.packpass.core.sample.SamplePassports;
import io.packpass.core.update.SignedUpdate;
import io.packpass.core.update.UpdateBody;
import io.packpass.core.update.UpdateKind;
import io.packpass.core.update.UpdatePayload;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One pack's signed history as its agent would produce it: the birth record signed by the
 * manufacturer's passport signer, then hourly readings signed by the device key (SOH falling by
 * 0.01 % per reading from 98 %). Each update names the hash of the one before.
 */
public final class TestPack {
  public final PassportId id;
  public final SoftwareSigner device;
  public final SoftwareSigner manufacturer;
  private final List<SignedUpdate> chain = new ArrayList<>();

  TestPack(PassportId id, SoftwareSigner device, SoftwareSigner manufacturer) {
    this(id, device, manufacturer, SamplePassports.evModel(), SamplePassports.evItem(), List.of());
  }

  /** A pack of another model, or a repurposed or remanufactured pack born with {@code predecessors}. */
  TestPack(PassportId id, SoftwareSigner device, SoftwareSigner manufacturer, Model model, Item item,
      List<PassportId> predecessors) {
    this.id = id;
    this.device = device;
    this.manufacturer = manufacturer;
    chain.add(SignedUpdate.sign(manufacturer, new UpdatePayload(id, 0, UpdatePayload.genesis(), TestPki.BORN,
        UpdateKind.BIRTH, UpdateBody.birth(model, item, predecessors), Optional.empty())));
  }

  /** Appends {@code update} (signed elsewhere, e.g. an agent's fresh reading) to this chain. */
  public SignedUpdate appended(SignedUpdate update) {
    return append(update);
  }

  /** Signs the next reading with the given condition, by kid only when {@code byKid}. */
  public SignedUpdate nextReading(io.packpass.core.passport.Condition condition, boolean byKid) {
    int seq = chain.size();
    Signer signer = byKid ? SoftwareSigner.fromPkcs8(device.pkcs8()) : device;
    return append(SignedUpdate.sign(signer, new UpdatePayload(id, seq, prevHash(), timeOf(seq), UpdateKind.READING,
        UpdateBody.reading(condition), Optional.empty())));
  }

  public SignedUpdate birth() {
    return chain.get(0);
  }

  /** Update {@code seq}, signing readings up to it first if needed. */
  public SignedUpdate at(int seq) {
    while (chain.size() <= seq) {
      next();
    }
    return chain.get(seq);
  }

  /** Signs the next reading (hourly after the birth) and appends it to the chain. */
  public SignedUpdate next() {
    int seq = chain.size();
    return append(reading(device, seq, prevHash(), timeOf(seq), 9_800 - seq));
  }

  /**
   * Signs the next reading as an agent does after its first update: the device key named by kid
   * only, no certificate chain; appends it to the chain.
   */
  public SignedUpdate nextByKid() {
    int seq = chain.size();
    return append(reading(SoftwareSigner.fromPkcs8(device.pkcs8()), seq, prevHash(), timeOf(seq), 9_800 - seq));
  }

  /** Signs the next update as a negative-event update. */
  public SignedUpdate nextEvent(EventType type, String description) {
    int seq = chain.size();
    Instant t = timeOf(seq);
    return append(SignedUpdate.sign(device, new UpdatePayload(id, seq, prevHash(), t, UpdateKind.EVENT,
        UpdateBody.events(List.of(new NegativeEvent(type, t, Optional.of(description)))), Optional.empty())));
  }

  /** The updates 0..n, signing as needed. */
  public List<SignedUpdate> upTo(int n) {
    at(n);
    return List.copyOf(chain.subList(0, n + 1));
  }

  /** A reading at {@code seq} that is not part of this chain: same position, other content (a fork when seq is taken). */
  public SignedUpdate forkAt(int seq, long sohCpct) {
    byte[] prev = seq == 0 ? UpdatePayload.genesis() : at(seq - 1).hash();
    return reading(device, seq, prev, timeOf(seq), sohCpct);
  }

  /** A reading signed by {@code signer} (any key, any chain) at the next position. */
  public SignedUpdate nextSignedBy(Signer signer) {
    int seq = chain.size();
    return reading(signer, seq, prevHash(), timeOf(seq), 9_800 - seq);
  }

  public static Instant timeOf(int seq) {
    return TestPki.BORN.plus(Duration.ofHours(seq));
  }

  private byte[] prevHash() {
    return chain.get(chain.size() - 1).hash();
  }

  private SignedUpdate append(SignedUpdate u) {
    chain.add(u);
    return u;
  }

  private SignedUpdate reading(Signer signer, int seq, byte[] prev, Instant t, long soh) {
    return SignedUpdate.sign(signer, new UpdatePayload(id, seq, prev, t, UpdateKind.READING,
        UpdateBody.reading(SamplePassports.evReading(t, soh, seq)), Optional.empty()));
  }
}
