-- Agents name their device key by kid and announce its certificate chain (x5chain) only in the first
-- update after each start and in fresh readings, so the gateway remembers which accepted update
-- announced each (passport, kid): the chain of a kid-only update is read from that update's bytes.
CREATE TABLE announced_keys (
  passport_id   VARCHAR(80)  NOT NULL REFERENCES passports (id),
  kid           VARCHAR(32)  NOT NULL,              -- hex, 16 bytes: SHA-256(SubjectPublicKeyInfo)
  seq           BIGINT       NOT NULL,              -- the accepted update whose x5chain announced it
  PRIMARY KEY (passport_id, kid)
);
