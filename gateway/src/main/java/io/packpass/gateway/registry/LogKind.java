package io.packpass.gateway.registry;

/**
 * What a registry log entry records. Status and decision keep core's update-kind codes (3, 4) and
 * bodies, so the folded passport is built by core's {@code UpdateBody.apply}; closure (recycled,
 * Art. 77(8)) has no Annex XIII status value and no passport field: the registry closes the record.
 */
public enum LogKind {
  /** Body: core's status body {@code {1: status-record, ? 2: successor id}}. */
  STATUS(3),
  /** Body: core's decision map. */
  DECISION(4),
  /** Body: {@code {1: recycler (facility or operator)}}. */
  CLOSURE(5);

  private final int code;

  LogKind(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static LogKind fromCode(long code) {
    for (LogKind k : values()) {
      if (k.code == code) {
        return k;
      }
    }
    throw new IllegalArgumentException("unknown registry log kind " + code + " (3 status, 4 decision, 5 closure)");
  }

  public static LogKind fromId(String id) {
    for (LogKind k : values()) {
      if (k.id().equals(id)) {
        return k;
      }
    }
    throw new IllegalArgumentException("unknown registry log kind '" + id + "' (status, decision, closure)");
  }
}
