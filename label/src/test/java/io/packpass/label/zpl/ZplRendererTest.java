package io.packpass.label.zpl;

import static org.assertj.core.api.Assertions.assertThat;

import io.packpass.label.Drawing;
import io.packpass.label.ErrorCorrection;
import io.packpass.label.QrSymbol;
import io.packpass.label.zxing.ZxingQrEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ZplRendererTest {
  @Test
  void the_z64_checksum_is_crc16_xmodem() {
    // The check value of CRC-16/XMODEM in the CRC catalogue: "123456789" -> 0x31C3.
    assertThat(ZplRenderer.crc16("123456789".getBytes(StandardCharsets.US_ASCII))).isEqualTo(0x31C3);
  }

  @Test
  void carets_tildes_and_underscores_in_field_data_become_hex_escapes_under_fh() {
    assertThat(ZplRenderer.escape("a^b~c_d")).isEqualTo("a_5Eb_7Ec_5Fd");
    Drawing d = new Drawing(400, 240, 203, List.of(new Drawing.Text(10, 10, 20, 300, "50% ^XZ~JA")));
    String zpl = new String(new ZplRenderer(ZplRenderer.QrMode.NATIVE).render(d), StandardCharsets.UTF_8);
    assertThat(zpl).contains("^FO10,10^A0N,20,20^FH_^FD50% _5EXZ_7EJA^FS").startsWith("^XA\n^CI28\n^PW400\n^LL240\n")
        .endsWith("^PQ1\n^XZ\n");
  }

  @Test
  void a_native_qr_field_sets_magnification_and_error_correction_and_the_data_in_automatic_mode() {
    QrSymbol symbol = new ZxingQrEncoder().encode("https://id.packpass.example/01/09521234000013/21/EV75-000123",
        ErrorCorrection.Q, true);
    Drawing d = new Drawing(800, 400, 203, List.of(new Drawing.Qr(32, 52, 8, symbol)));
    String zpl = new String(new ZplRenderer(ZplRenderer.QrMode.NATIVE).render(d), StandardCharsets.UTF_8);
    assertThat(zpl).contains("^FO32,52^BQN,2,8,Q^FH_^FDQA,https://id.packpass.example/01/09521234000013/21/EV75-000123^FS");
  }

  @Test
  void diagonal_strokes_lean_the_way_they_run() {
    Drawing d = new Drawing(100, 100, 203, List.of(new Drawing.Stroke(10, 10, 50, 90, 3), new Drawing.Stroke(50, 10, 10, 90, 3),
        new Drawing.Stroke(10, 20, 60, 20, 4)));
    String zpl = new String(new ZplRenderer(ZplRenderer.QrMode.NATIVE).render(d), StandardCharsets.UTF_8);
    assertThat(zpl).contains("^FO10,10^GD40,80,3,B,L^FS", "^FO10,10^GD40,80,3,B,R^FS", "^FO10,18^GB50,4,4^FS");
  }
}
