package io.packpass.label.print;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.packpass.label.print.FakeZebraPrinter.Behaviour;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrinterTest {
  private static final byte[] JOB = "^XA\n^FO10,10^A0N,20,20^FDhello^FS\n^XZ\n".getBytes(StandardCharsets.UTF_8);
  private static final Duration SHORT = Duration.ofMillis(300);

  @TempDir
  Path dir;

  private final List<String> retries = new ArrayList<>();
  private final List<Duration> waits = new ArrayList<>();

  /** The fake printer records a connection when the client closes it: wait for that, at most 5 s. */
  private static void eventually(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 5 s");
      }
      Thread.sleep(10);
    }
  }

  private static TcpPrinter tcp(int port, boolean status) {
    return new TcpPrinter("127.0.0.1", port, status, SHORT, SHORT);
  }

  private RetryingPrinter retrying(Printer printer, RetryingPrinter.Sleeper sleeper) {
    return new RetryingPrinter(printer, 4, Duration.ofSeconds(2), Duration.ofSeconds(30), sleeper,
        (problem, next, attempts, wait) -> retries.add("retry " + next + " of " + attempts + ": " + problem.getMessage()));
  }

  private RetryingPrinter retrying(Printer printer) {
    return retrying(printer, waits::add);
  }

  @Test
  void a_ready_printer_receives_the_exact_job_framed_by_two_host_status_queries() throws Exception {
    try (FakeZebraPrinter zebra = new FakeZebraPrinter(Behaviour.READY)) {
      tcp(zebra.port(), true).send(JOB);
      eventually(() -> zebra.streams().size() == 1);
      assertThat(new String(zebra.streams().get(0), StandardCharsets.UTF_8)).isEqualTo("~HS" + new String(JOB,
          StandardCharsets.UTF_8) + "~HS");
    }
  }

  @Test
  void without_status_queries_the_printer_receives_the_job_byte_for_byte() throws Exception {
    try (FakeZebraPrinter zebra = new FakeZebraPrinter(Behaviour.SILENT)) {
      tcp(zebra.port(), false).send(JOB);
      eventually(() -> zebra.streams().size() == 1);
      assertThat(zebra.streams().get(0)).isEqualTo(JOB);
    }
  }

  @Test
  void a_printer_that_is_off_at_first_is_retried_with_backoff_until_it_is_on() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort(); // free again once closed: nothing listens there yet
    }
    List<FakeZebraPrinter> started = new ArrayList<>();
    int freePort = port;
    RetryingPrinter printer = retrying(tcp(port, true), wait -> {
      waits.add(wait);
      if (started.isEmpty()) {
        try {
          started.add(new FakeZebraPrinter(freePort, Behaviour.READY)); // switched on while we wait
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      }
    });
    try {
      printer.send(JOB);
      assertThat(retries).singleElement().asString().startsWith("retry 2 of 4: tcp://127.0.0.1:" + port)
          .contains("connection refused");
      assertThat(waits).containsExactly(Duration.ofSeconds(2));
      eventually(() -> started.get(0).jobs().size() == 1);
      assertThat(started.get(0).jobs()).containsExactly(new String(JOB, StandardCharsets.UTF_8));
    } finally {
      for (FakeZebraPrinter p : started) {
        p.close();
      }
    }
  }

  @Test
  void a_dropped_connection_is_retried_and_the_job_arrives_once() throws Exception {
    try (FakeZebraPrinter zebra = new FakeZebraPrinter(Behaviour.DROP, Behaviour.READY)) {
      retrying(tcp(zebra.port(), true)).send(JOB);
      assertThat(retries).singleElement().asString().contains("closed the connection before the job");
      eventually(() -> zebra.jobs().size() == 1);
      assertThat(zebra.jobs()).containsExactly(new String(JOB, StandardCharsets.UTF_8));
    }
  }

  @Test
  void a_printer_out_of_labels_gets_no_job_until_it_reports_ready() throws Exception {
    try (FakeZebraPrinter zebra = new FakeZebraPrinter(Behaviour.PAPER_OUT, Behaviour.PAPER_OUT, Behaviour.READY)) {
      retrying(tcp(zebra.port(), true)).send(JOB);
      assertThat(retries).hasSize(2).allMatch(r -> r.contains("printer not ready: out of labels (paper out)"));
      assertThat(waits).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4));
      eventually(() -> zebra.streams().size() == 3);
      assertThat(zebra.jobs()).containsExactly(new String(JOB, StandardCharsets.UTF_8));
    }
  }

  @Test
  void a_printer_that_never_answers_is_given_up_on_with_the_reason_and_no_crash() throws Exception {
    try (FakeZebraPrinter zebra = new FakeZebraPrinter(Behaviour.SILENT)) {
      assertThatThrownBy(() -> retrying(tcp(zebra.port(), true)).send(JOB)).isInstanceOf(PrinterException.class)
          .hasMessageContaining("no answer to the host status query (~HS) before the job")
          .hasMessageContaining("out of labels or ribbon")
          .hasMessageContaining("?status=off")
          .hasMessageEndingWith("(gave up after 4 attempts)");
      assertThat(waits).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8));
      assertThat(zebra.jobs()).isEmpty();
    }
  }

  @Test
  void a_device_file_that_is_missing_is_unreachable_and_an_existing_one_receives_the_job() throws IOException {
    Path lp = dir.resolve("lp0");
    assertThatThrownBy(() -> new DevicePrinter(lp).send(JOB)).isInstanceOf(PrinterException.class)
        .hasMessageContaining("does not exist: printer unplugged or off")
        .satisfies(e -> assertThat(((PrinterException) e).retryable()).isTrue());
    Files.createFile(lp);
    new DevicePrinter(lp).send(JOB);
    assertThat(Files.readAllBytes(lp)).isEqualTo(JOB);
  }

  @Test
  void file_output_appends_each_job_as_a_printer_stream_would_receive_it() throws IOException {
    Path out = dir.resolve("labels.zpl");
    Printer file = Printers.open("file:" + out);
    file.send(JOB);
    file.send(JOB);
    assertThat(Files.readString(out)).isEqualTo(new String(JOB, StandardCharsets.UTF_8).repeat(2));
  }

  @Test
  void printer_specs_are_parsed_strictly() {
    assertThat(Printers.open("tcp://printer.local").describe()).isEqualTo("tcp://printer.local:9100");
    assertThat(Printers.open("tcp://10.0.0.5:6101?status=off").describe()).isEqualTo("tcp://10.0.0.5:6101?status=off");
    assertThat(Printers.open("file:/dev/usb/lp0")).isInstanceOf(DevicePrinter.class);
    assertThat(Printers.open("file:out.zpl")).isInstanceOf(FilePrinter.class);
    assertThatThrownBy(() -> Printers.open("lpt1")).hasMessageContaining("expected tcp://HOST[:PORT]");
    assertThatThrownBy(() -> Printers.open("tcp://p:9100?speed=5")).hasMessageContaining("unknown option 'speed=5'");
    assertThatThrownBy(() -> Printers.open("tcp:///x")).hasMessageContaining("no host");
    assertThat(assertThatThrownBy(() -> Printers.open("file:")).actual()).isInstanceOf(PrinterException.class);
  }

  @Test
  void a_file_printer_no_file_system_can_name_is_refused() {
    assertThatThrownBy(() -> Printers.open("file:lp\0")).isInstanceOf(PrinterException.class)
        .hasMessageContaining("not a path");
  }
}
