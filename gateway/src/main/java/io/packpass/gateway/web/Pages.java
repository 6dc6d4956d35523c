package io.packpass.gateway.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.Utf8ByteOutput;
import io.packpass.core.id.DigitalLink;
import io.packpass.core.passport.Passport;
import io.packpass.label.LabelContent;
import io.packpass.label.LabelFormat;
import io.packpass.label.LabelSpec;
import io.packpass.label.Labels;
import io.packpass.label.Layout;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Renders the registry's pages from the jte templates in {@code src/main/jte}, precompiled at build
 * time; output is HTML-escaped by context (text, attribute), so passport text cannot inject markup.
 * The label preview goes through the label module, from the same role view as the page.
 */
public final class Pages {
  private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);
  private final Labels labels = new Labels();

  public byte[] passport(PassportPage page) {
    return render("passport.jte", Map.of("page", page));
  }

  public byte[] notFound(String title, String message, String hint) {
    return render("notfound.jte", Map.of("title", title, "message", message, "hint", hint));
  }

  public byte[] signIn(String next, String problem) {
    return render("signin.jte", Map.of("next", next, "problem", problem));
  }

  /** The label as SVG, made from {@code view}: what the reader may see is what the preview shows. */
  public byte[] label(DigitalLink link, Passport view) {
    return labels.render(LabelContent.unsigned(link, view), LabelSpec.of(Layout.L100X50, 203), LabelFormat.SVG);
  }

  /** The stylesheet, from the jar. */
  public static byte[] stylesheet() {
    try (var in = Pages.class.getResourceAsStream("/registry/registry.css")) {
      if (in == null) {
        throw new IllegalStateException("registry/registry.css is missing from the jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private byte[] render(String template, Map<String, Object> params) {
    Utf8ByteOutput out = new Utf8ByteOutput();
    engine.render(template, params, out);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(out.getContentLength());
    try {
      out.writeTo(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
