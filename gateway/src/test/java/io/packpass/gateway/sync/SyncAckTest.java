package io.packpass.gateway.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.packpass.core.id.PassportId;
import io.packpass.core.sample.SamplePassports;
import io.packpass.gateway.sync.SyncAck.Status;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class SyncAckTest {
  private static final PassportId EV = SamplePassports.evId();
  private static final byte[] HASH = new byte[32];

  @Test
  void an_accepted_ack_has_this_exact_encoding() {
    SyncAck ack = new SyncAck(Status.ACCEPTED, Optional.empty(), "ok", Optional.of(EV), OptionalLong.of(3),
        Optional.empty());
    // [{1: 0, 3: "ok", 4: "(01)09521234000013(21)EV75-000123", 5: 3}]: 81 a4 0100 03 626f6b 04 7821 ... 0503
    assertThat(HexFormat.of().formatHex(SyncAck.encode(List.of(ack)))).isEqualTo("81a4" + "0100" + "03626f6b"
        + "0478" + String.format("%02x", EV.elementString().length()) + HexFormat.of().formatHex(EV.elementString().getBytes()) + "0503");
  }

  @Test
  void acks_decode_to_what_was_encoded() {
    List<SyncAck> acks = List.of(
        new SyncAck(Status.ACCEPTED, Optional.empty(), "seq 1 reading accepted", Optional.of(EV), OptionalLong.of(1),
            Optional.of(HASH)),
        new SyncAck(Status.DUPLICATE, Optional.empty(), "seq 0 again", Optional.of(EV), OptionalLong.of(0),
            Optional.of(HASH)),
        new SyncAck(Status.REJECTED, Optional.of("malformed"), "not a COSE_Sign1", Optional.empty(), OptionalLong.empty(),
            Optional.empty()));
    List<SyncAck> decoded = SyncAck.decode(SyncAck.encode(acks), 10);
    assertThat(decoded).hasSize(3);
    assertThat(decoded.get(0).status()).isEqualTo(Status.ACCEPTED);
    assertThat(decoded.get(0).hash()).contains(HASH);
    assertThat(decoded.get(1).seq()).hasValue(0);
    assertThat(decoded.get(2).reason()).contains("malformed");
    assertThat(decoded.get(2).passport()).isEmpty();
    assertThat(decoded.get(2).status().isHeld()).isFalse();
  }

  @Test
  void the_json_form_names_status_and_reason_in_words() {
    Map<String, Object> json = SyncAck.toJson(List.of(new SyncAck(Status.REJECTED, Optional.of("fork"), "seq 2 differs",
        Optional.of(EV), OptionalLong.of(2), Optional.empty())));
    assertThat(json.toString()).isEqualTo("{items=[{status=rejected, reason=fork, detail=seq 2 differs, passport="
        + EV.elementString() + ", seq=2}]}");
  }

  @Test
  void an_answer_that_is_not_an_ack_list_is_refused() {
    assertThatThrownBy(() -> SyncAck.decode(HexFormat.of().parseHex("a0"), 10)).isInstanceOf(SyncFormatException.class);
    assertThatThrownBy(() -> SyncAck.decode(HexFormat.of().parseHex("81a10109"), 10))
        .isInstanceOf(SyncFormatException.class).hasMessageContaining("status");
  }
}
