package io.packpass.agent.bus.socketcan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.packpass.agent.bus.BusException;
import io.packpass.agent.bus.BusException.Kind;
import io.packpass.agent.bus.CanFrame;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What can be checked without SocketCAN (containers and CI have no AF_CAN, packbus.md §5.2): frame
 * conversion ({@code CanFrame.create} needs no native library), native library choice, and the errors
 * on opening. Live reads are in {@link JavaCanChannelHardwareTest}.
 */
class JavaCanChannelTest {
  static final HexFormat HEX = HexFormat.of();

  @Test
  void standard_frame_converts_with_id_and_data() {
    var raw = tel.schich.javacan.CanFrame.create(0x355, tel.schich.javacan.CanFrame.FD_NO_FLAGS,
        HEX.parseHex("58005e00"));
    assertThat(JavaCanChannel.toFrame(raw)).contains(CanFrame.standard(0x355, HEX.parseHex("58005e00")));
  }

  @Test
  void extended_flag_decides_the_format_not_the_id_size() {
    var small = tel.schich.javacan.CanFrame.createExtended(0x123, tel.schich.javacan.CanFrame.FD_NO_FLAGS,
        new byte[] {1});
    assertThat(JavaCanChannel.toFrame(small)).contains(CanFrame.extended(0x123, (byte) 1));
    var large = tel.schich.javacan.CanFrame.createExtended(0x18FF50E5, tel.schich.javacan.CanFrame.FD_NO_FLAGS,
        HEX.parseHex("03d4"));
    assertThat(JavaCanChannel.toFrame(large)).contains(CanFrame.extended(0x18FF50E5, HEX.parseHex("03d4")));
  }

  @Test
  void empty_data_frame_converts() {
    var raw = tel.schich.javacan.CanFrame.create(0x305, tel.schich.javacan.CanFrame.FD_NO_FLAGS, new byte[0]);
    assertThat(JavaCanChannel.toFrame(raw)).contains(CanFrame.standard(0x305));
  }

  @Test
  void fd_frames_are_skipped() {
    var fd = tel.schich.javacan.CanFrame.create(0x355, tel.schich.javacan.CanFrame.FD_FLAG_FD_FRAME, new byte[12]);
    assertThat(JavaCanChannel.toFrame(fd)).isEmpty();
  }

  @Test
  void native_library_is_taken_from_the_jar_for_this_cpu() throws Exception {
    List<URL> urls = List.of(
        new URL("jar:file:/lib/javacan-core-3.5.0-x86_64.jar!/native/libjavacan-core.so"),
        new URL("jar:file:/lib/javacan-core-3.5.0-aarch64.jar!/native/libjavacan-core.so"),
        new URL("jar:file:/lib/javacan-core-3.5.0-armv7.jar!/native/libjavacan-core.so"));
    assertThat(JavaCanNatives.choose(urls, "aarch64")).contains(urls.get(1));
    assertThat(JavaCanNatives.choose(urls, "armv7")).contains(urls.get(2));
    assertThat(JavaCanNatives.choose(urls, "riscv64")).isEmpty();
  }

  @Test
  void preparing_natives_extracts_one_library() {
    JavaCanNatives.prepare();
    String path = System.getProperty(JavaCanNatives.PATH_PROPERTY);
    if (path != null) { // null only when a single native jar is on the class path
      assertThat(Files.isRegularFile(Path.of(path))).isTrue();
    }
  }

  @Test
  void missing_interface_says_how_to_bring_it_up() {
    assertThatThrownBy(() -> JavaCanChannel.open("ppcan9", 250_000, List.of()))
        .isInstanceOfSatisfying(BusException.class, e -> assertThat(e.kind()).isEqualTo(Kind.ACCESS))
        .hasMessage("interface ppcan9 not found: bring it up with `sudo ip link set ppcan9 up type can bitrate 250000`");
  }

  @Test
  void a_non_can_interface_or_a_machine_without_socketcan_is_an_access_error() {
    // In a container socket(AF_CAN) fails (errno 97); on a Pi binding a CAN socket to lo fails. Either way
    // the native library has loaded and the failure is one line.
    assertThatThrownBy(() -> JavaCanChannel.open("lo", 500_000, List.of()))
        .isInstanceOfSatisfying(BusException.class, e -> assertThat(e.kind()).isEqualTo(Kind.ACCESS))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("native library").doesNotContain("\n"));
  }
}
