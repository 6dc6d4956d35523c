-- The registry role (docs/registry.md): status changes, grading decisions and the closure after
-- recycling are signed by other keys than the pack's device key, so they do not take seqs of the
-- device's hash chain (the agent keeps signing readings; it would fork). They form a second,
-- per-passport, hash-chained and append-only log: its own seq from 0, prev = SHA-256 of the previous
-- entry's COSE bytes, and each entry names the device-chain update it was based on (basis).
CREATE TABLE registry_log (
  passport_id   VARCHAR(80)  NOT NULL REFERENCES passports (id),
  seq           BIGINT       NOT NULL,
  hash          BYTEA        NOT NULL,              -- SHA-256 of the entry's COSE bytes
  cose          BYTEA        NOT NULL,              -- exactly as the actor signed it
  kind          SMALLINT     NOT NULL,              -- 3 status, 4 decision, 5 closure (gateway LogKind)
  time_s        BIGINT       NOT NULL,              -- signed time
  basis_seq     BIGINT       NOT NULL,              -- the device-chain update it was based on
  actor_role    VARCHAR(20)  NOT NULL,              -- role of the signer's certificate, or passport-signer
  actor         VARCHAR(200) NOT NULL,              -- the signer's certificate subject
  received_ms   BIGINT       NOT NULL,
  PRIMARY KEY (passport_id, seq)
);

-- The head of each passport's log and the state of the passport record: active, succeeded (a
-- repurposed or remanufactured battery has a new passport, Art. 77(7)) or closed (recycled,
-- Art. 77(8): kept readable as history, nothing more is recorded).
ALTER TABLE passports ADD COLUMN log_seq BIGINT NOT NULL DEFAULT -1;
ALTER TABLE passports ADD COLUMN log_hash BYTEA;
ALTER TABLE passports ADD COLUMN record_state VARCHAR(12) NOT NULL DEFAULT 'active';
ALTER TABLE passports ADD COLUMN record_since_s BIGINT;

-- Remaining capacity beside the SOH of each reading: the page's capacity history.
ALTER TABLE soh_readings ADD COLUMN capacity_mah BIGINT;
