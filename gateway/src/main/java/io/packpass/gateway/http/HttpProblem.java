package io.packpass.gateway.http;

/** An answer other than success, decided by a route: status and a sentence for the caller. Mapped in one place. */
final class HttpProblem extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String hint;

  HttpProblem(int status, String message) {
    this(status, message, "");
  }

  /** @param hint what the reader can do about it (shown on the HTML page) */
  HttpProblem(int status, String message, String hint) {
    super(message);
    this.status = status;
    this.hint = hint;
  }

  int status() {
    return status;
  }

  String hint() {
    return hint;
  }
}
