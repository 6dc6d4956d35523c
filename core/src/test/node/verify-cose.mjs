// Independent check of a PackPass signed update, written against RFC 9052 with Node's built-in
// crypto and the npm 'cbor' package only (no PackPass code): rebuilds the Sig_structure,
// verifies the signature with the given SubjectPublicKeyInfo, and prints what it found as JSON.
//   node verify-cose.mjs <spki-der-hex> <update.cose>
// Exit code 0: signature valid; 1: invalid; 2: cannot parse.
import { readFileSync } from 'node:fs';
import { createPublicKey, verify } from 'node:crypto';
import cbor from 'cbor';

const [spkiHex, file] = process.argv.slice(2);
if (!spkiHex || !file) {
  console.error('usage: node verify-cose.mjs <spki-der-hex> <update.cose>');
  process.exit(2);
}

let message;
try {
  message = cbor.decodeFirstSync(readFileSync(file));
} catch (e) {
  console.log(JSON.stringify({ verified: false, error: `not CBOR: ${e.message}` }));
  process.exit(2);
}
const items = message instanceof cbor.Tagged ? (message.tag === 18 ? message.value : null) : message;
if (!Array.isArray(items) || items.length !== 4) {
  console.log(JSON.stringify({ verified: false, error: 'not a COSE_Sign1' }));
  process.exit(2);
}
const [protectedBucket, , payload, signature] = items;
const headers = protectedBucket.length === 0 ? new Map() : cbor.decodeFirstSync(protectedBucket, { preferMap: true });
const alg = headers.get(1);

const toBeSigned = cbor.encodeCanonical(['Signature1', protectedBucket, Buffer.alloc(0), payload]);
const key = createPublicKey({ key: Buffer.from(spkiHex, 'hex'), format: 'der', type: 'spki' });
let ok;
if (alg === -8 || alg === -19) {
  ok = verify(null, toBeSigned, key, signature);
} else if (alg === -7) {
  ok = verify('sha256', toBeSigned, { key, dsaEncoding: 'ieee-p1363' }, signature);
} else {
  console.log(JSON.stringify({ verified: false, error: `unsupported alg ${alg}` }));
  process.exit(2);
}

const body = cbor.decodeFirstSync(payload, { preferMap: true });
console.log(JSON.stringify({
  verified: ok,
  alg,
  kid: Buffer.from(headers.get(4) ?? []).toString('hex'),
  passport: body.get(1),
  seq: Number(body.get(2)),
  kind: Number(body.get(5)),
}));
process.exit(ok ? 0 : 1);
