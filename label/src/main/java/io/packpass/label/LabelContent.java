package io.packpass.label;

import io.packpass.core.cose.Signer;
import io.packpass.core.id.DigitalLink;
import io.packpass.core.label.Hazard;
import io.packpass.core.label.LabelCode;
import io.packpass.core.label.LabelFacts;
import io.packpass.core.label.SignedLabel;
import io.packpass.core.passport.Measured;
import io.packpass.core.passport.Passport;
import io.packpass.core.passport.Quantity;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What goes on one pack's label: its passport (model and item give the Annex VI Part A facts), the
 * Digital Link in the QR code and, optionally, the signature that lets the label prove itself offline.
 */
public record LabelContent(DigitalLink link, Passport passport, Optional<SignedLabel> signature) {
  public LabelContent {
    Objects.requireNonNull(link, "link");
    Objects.requireNonNull(passport, "passport");
    Objects.requireNonNull(signature, "signature");
    if (!link.id().equals(passport.id())) {
      throw new LabelException("the link " + link + " is not the passport's (" + passport.id() + ")");
    }
    signature.ifPresent(s -> {
      if (!s.link().equals(link)) {
        throw new LabelException("the label signature is for " + s.link() + ", not for " + link);
      }
    });
  }

  public static LabelContent unsigned(DigitalLink link, Passport passport) {
    return new LabelContent(link, passport, Optional.empty());
  }

  /**
   * A label whose QR code carries a signature over the passport's facts as they stand (state of
   * health from its latest reading), so the printed text and the signed facts agree.
   *
   * @param certificate the signer's certificate (DER) to carry, for a device key; empty for the passport signer
   * @throws LabelException when a fact is longer than a signed label carries (64 characters, 4 agents)
   */
  public static LabelContent signed(DigitalLink link, Passport passport, Signer signer, Optional<byte[]> certificate,
      Instant time) {
    Optional<Long> soh = passport.condition().flatMap(c -> c.get(Quantity.STATE_OF_HEALTH)).map(Measured::value);
    LabelFacts facts;
    try {
      facts = LabelFacts.of(passport.model(), soh, time.truncatedTo(ChronoUnit.SECONDS));
    } catch (IllegalArgumentException e) {
      throw new LabelException("the signed label cannot carry this model's facts: " + e.getMessage()
          + " (shorten them in the model file, or make the label without a signature)", e);
    }
    return new LabelContent(link, passport, Optional.of(SignedLabel.sign(signer, link, facts, certificate)));
  }

  /** The text the QR code encodes. */
  public String qrText() {
    return signature.map(s -> LabelCode.format(link, s)).orElseGet(() -> LabelCode.format(link));
  }

  /** The latest state of health in the passport, if the pack was ever measured. */
  public Optional<Measured> stateOfHealth() {
    return passport.condition().flatMap(c -> c.get(Quantity.STATE_OF_HEALTH));
  }

  public Set<Hazard> hazards() {
    return Hazard.of(passport.model());
  }
}
