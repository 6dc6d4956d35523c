package io.packpass.agent.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.packpass.agent.config.AgentConfig.Coap;
import io.packpass.agent.config.AgentConfig.Journal;
import io.packpass.agent.config.AgentConfig.Updates;
import io.packpass.clisupport.config.StrictYamlReader;
import io.packpass.core.id.DigitalLink;
import io.packpass.core.id.IdentifierException;
import io.packpass.core.id.PassportId;
import io.packpass.label.LabelException;
import io.packpass.label.LabelSpec;
import io.packpass.label.Layout;
import io.packpass.label.print.PrinterException;
import io.packpass.label.print.Printers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Reads and validates {@code agent.yaml}. Every problem is one {@link AgentConfigException} naming the
 * file and the dotted key, e.g. {@code agent.yaml: coap.port: expected 0..65535, got 70000}. Unknown
 * keys are errors (a typo must not silently fall back to a default). Bounded: 64 KiB.
 */
public final class AgentConfigLoader {
  static final int MAX_BYTES = 64 * 1024;

  /** Loads {@code file}; relative paths in it are resolved against its directory. */
  public AgentConfig load(Path file) {
    Reader reader = new Reader(file);
    return reader.config(reader.readMapping(MAX_BYTES, "an agent configuration"));
  }

  private static final class Reader extends StrictYamlReader {
    Reader(Path file) {
      super(file);
    }

    @Override
    protected RuntimeException error(String message, Throwable cause) {
      return new AgentConfigException(message, cause);
    }

    AgentConfig config(JsonNode root) {
      keys(root, "", "profile", "passport", "identity", "trust", "birthRecord", "journal", "coap", "updates", "label");
      String profile = text(root, "profile").orElseThrow(() -> fail("profile",
          "required: a bundled profile id (see 'packpass agent profiles') or the path of a profile YAML file"));
      JsonNode passport = section(root, "passport", true);
      keys(passport, "passport.", "id", "digitalLink");
      String link = text(passport, "passport.digitalLink").orElseThrow(() -> fail("passport.digitalLink", "required"));
      PassportId id;
      try {
        id = DigitalLink.parse(link).id();
      } catch (IdentifierException e) {
        throw fail("passport.digitalLink", e.getMessage());
      }
      Optional<String> element = text(passport, "passport.id");
      if (element.isPresent() && !element.get().equals(id.elementString())) {
        throw fail("passport.id", "'" + element.get() + "' is not the id of passport.digitalLink (" + id.elementString()
            + ")");
      }
      JsonNode identity = section(root, "identity", true);
      keys(identity, "identity.", "certificate", "privateKey");
      JsonNode trust = section(root, "trust", true);
      keys(trust, "trust.", "anchors", "crl");
      JsonNode journal = section(root, "journal", false);
      keys(journal, "journal.", "dir", "fsync");
      JsonNode coap = section(root, "coap", false);
      keys(coap, "coap.", "bind", "port", "dtlsPort", "californiumProperties", "multicast", "multicastInterface");
      JsonNode updates = section(root, "updates", false);
      keys(updates, "updates.", "every", "atLeastEvery", "sohChangeCpct", "socChangeCpct");
      JsonNode label = section(root, "label", false);
      keys(label, "label.", "printer", "layout", "dpi");

      Updates u = new Updates(
          duration(updates, "updates.every").orElse(Updates.DEFAULT.every()),
          duration(updates, "updates.atLeastEvery").orElse(Updates.DEFAULT.atLeastEvery()),
          number(updates, "updates.sohChangeCpct", 1, 10_000).orElse(Updates.DEFAULT.sohChangeCpct()),
          number(updates, "updates.socChangeCpct", 1, 10_000).orElse(Updates.DEFAULT.socChangeCpct()));
      if (u.atLeastEvery().compareTo(Duration.ofDays(1)) > 0) {
        throw fail("updates.atLeastEvery", "at most P1D: the state of health must be kept up to date at least daily");
      }
      if (u.every().compareTo(Duration.ofMinutes(1)) < 0) {
        throw fail("updates.every", "at least PT1M: every signed update is kept and synced");
      }
      return new AgentConfig(file(), profile, id, link,
          path(identity, "identity.certificate", true).orElseThrow(),
          path(identity, "identity.privateKey", true).orElseThrow(),
          path(trust, "trust.anchors", true).orElseThrow(),
          path(trust, "trust.crl", false),
          path(root, "birthRecord", true).orElseThrow(),
          new Journal(path(journal, "journal.dir", false).orElse(dir().resolve("journal")),
              bool(journal, "journal.fsync").orElse(true)),
          coap(coap),
          u, label(label));
    }

    Coap coap(JsonNode coap) {
      String bind = text(coap, "coap.bind").orElse("0.0.0.0");
      // an agent bound to one address (loopback on a laptop) cannot be found by multicast anyway
      boolean wildcard = bind.equals("0.0.0.0") || bind.equals("::");
      return new Coap(bind,
          (int) (long) number(coap, "coap.port", 0, 65_535).orElse(5683L),
          (int) (long) number(coap, "coap.dtlsPort", 0, 65_535).orElse(5684L),
          path(coap, "coap.californiumProperties", false),
          bool(coap, "coap.multicast").orElse(wildcard),
          text(coap, "coap.multicastInterface"));
    }

    AgentConfig.Label label(JsonNode label) {
      Optional<String> printer = text(label, "label.printer");
      printer.ifPresent(spec -> {
        try {
          Printers.open(spec);
        } catch (PrinterException e) {
          throw fail("label.printer", e.getMessage());
        }
      });
      Layout layout = AgentConfig.Label.DEFAULT.layout();
      Optional<String> layoutText = text(label, "label.layout");
      if (layoutText.isPresent()) {
        try {
          layout = Layout.parse(layoutText.get());
        } catch (LabelException e) {
          throw fail("label.layout", e.getMessage());
        }
      }
      int dpi = (int) (long) number(label, "label.dpi", LabelSpec.MIN_DPI, LabelSpec.MAX_DPI)
          .orElse((long) AgentConfig.Label.DEFAULT.dpi());
      return new AgentConfig.Label(printer, layout, dpi);
    }








  }
}
