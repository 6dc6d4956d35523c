package io.packpass.core.passport;

/**
 * Access tiers of Regulation (EU) 2023/1542 Art. 77(2) and Annex XIII, collapsed to the three that
 * decide who may read a field: everyone, persons with a legitimate interest (which covers Annex
 * XIII point 2 model data and point 4 individual-battery data), and authorities (point 3 test
 * reports; notified bodies, market surveillance, the Commission).
 */
public enum Tier {
  PUBLIC,
  LEGITIMATE_INTEREST,
  AUTHORITY
}
