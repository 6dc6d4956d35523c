package io.packpass.gateway.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class CborSequenceTest {
  private static byte[] hex(String h) {
    return HexFormat.of().parseHex(h.replace(" ", ""));
  }

  @Test
  void splits_a_sequence_into_its_items_exactly() {
    // 18([h'a10127', {}, h'01', h'0203']) , 1 , [1, [2, "a"]] , {1: h''}
    byte[] cose = hex("d2 84 43a10127 a0 4101 420203");
    byte[] one = hex("01");
    byte[] nested = hex("82 01 82 02 6161");
    byte[] map = hex("a1 01 40");
    List<byte[]> items = CborSequence.split(CborSequence.join(List.of(cose, one, nested, map)), 10, 100);
    assertThat(items).containsExactly(cose, one, nested, map);
  }

  @Test
  void an_empty_body_is_an_empty_batch() {
    assertThat(CborSequence.split(new byte[0], 10, 100)).isEmpty();
  }

  @Test
  void a_truncated_item_is_refused_with_its_position() {
    assertThatThrownBy(() -> CborSequence.split(hex("01 84 01 02"), 10, 100))
        .isInstanceOf(SyncFormatException.class).hasMessageContaining("item 1").hasMessageContaining("truncated");
    assertThatThrownBy(() -> CborSequence.split(hex("45 0102"), 10, 100)).hasMessageContaining("truncated");
  }

  @Test
  void a_length_beyond_the_body_is_refused_without_allocating_it() {
    // an array announcing 2^62 items, and a byte string of 2^63-1 bytes
    assertThatThrownBy(() -> CborSequence.split(hex("9b 4000000000000000 01"), 10, 100))
        .isInstanceOf(SyncFormatException.class).hasMessageContaining("truncated");
    assertThatThrownBy(() -> CborSequence.split(hex("5b 7fffffffffffffff"), 10, 100))
        .isInstanceOf(SyncFormatException.class).hasMessageContaining("truncated");
  }

  @Test
  void indefinite_lengths_are_refused() {
    assertThatThrownBy(() -> CborSequence.split(hex("9f 01 ff"), 10, 100)).hasMessageContaining("indefinite");
  }

  @Test
  void too_many_or_too_large_items_are_a_size_problem() {
    SyncFormatException many = org.junit.jupiter.api.Assertions.assertThrows(SyncFormatException.class,
        () -> CborSequence.split(hex("01 02 03"), 2, 100));
    assertThat(many.tooLarge()).isTrue();
    SyncFormatException large = org.junit.jupiter.api.Assertions.assertThrows(SyncFormatException.class,
        () -> CborSequence.split(hex("43 010203"), 10, 3));
    assertThat(large.tooLarge()).isTrue();
    assertThat(large).hasMessageContaining("4 bytes");
  }
}
